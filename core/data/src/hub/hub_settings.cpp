#include "hubgrowth/data/hub/hub_settings.h"

#include <QDir>
#include <QFile>

namespace hubgrowth::hub {

QUrl resolveEndpoint(const QProcessEnvironment& env, const QString& setting) {
    QString text = env.value(QStringLiteral("HF_ENDPOINT")).trimmed();
    if (text.isEmpty())
        text = setting.trimmed();
    if (text.isEmpty())
        text = QString::fromLatin1(kDefaultEndpoint);
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return QUrl(text);
}

namespace {

QByteArray readTokenFile(const QString& path) {
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return {};
    return file.read(4096).trimmed();
}

}  // namespace

HubToken resolveToken(const QProcessEnvironment& env, const QByteArray& setting) {
    HubToken token;
    token.value = env.value(QStringLiteral("HF_TOKEN")).toUtf8().trimmed();
    if (!token.value.isEmpty()) {
        token.source = QStringLiteral("HF_TOKEN");
        return token;
    }
    QString path = env.value(QStringLiteral("HF_TOKEN_PATH"));
    if (path.isEmpty()) {
        QString home = env.value(QStringLiteral("HF_HOME"));
        if (home.isEmpty())
            home = env.value(QStringLiteral("HOME")) + QStringLiteral("/.cache/huggingface");
        path = home + QStringLiteral("/token");
    }
    token.value = readTokenFile(path);
    if (!token.value.isEmpty()) {
        token.source = QDir::toNativeSeparators(path);
        return token;
    }
    token.value = setting.trimmed();
    if (!token.value.isEmpty())
        token.source = QStringLiteral("settings");
    return token;
}

bool isHubOrigin(const QUrl& url, const QUrl& endpoint) {
    return url.scheme().compare(endpoint.scheme(), Qt::CaseInsensitive) == 0 &&
           url.host().compare(endpoint.host(), Qt::CaseInsensitive) == 0 &&
           url.port(url.scheme() == QLatin1String("https") ? 443 : 80) ==
               endpoint.port(endpoint.scheme() == QLatin1String("https") ? 443 : 80);
}

bool isHttpUrl(const QUrl& url) {
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"));
}

}  // namespace hubgrowth::hub
