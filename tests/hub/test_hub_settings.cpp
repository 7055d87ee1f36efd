// Endpoint and token resolution, and where the token may go.
#include <QTemporaryDir>
#include <QtTest>

#include "hubgrowth/data/hub/hub_settings.h"

using namespace hubgrowth::hub;

namespace {

void writeFile(const QString& path, const QByteArray& text) {
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

}  // namespace

class TestHubSettings : public QObject {
    Q_OBJECT
  private slots:
    void endpoint() {
        QProcessEnvironment env;
        QCOMPARE(resolveEndpoint(env, {}).toString(), QStringLiteral("https://huggingface.co"));
        QCOMPARE(resolveEndpoint(env, "https://mirror.example/").toString(),
                 QStringLiteral("https://mirror.example"));
        env.insert("HF_ENDPOINT", "http://127.0.0.1:8080//");
        QCOMPARE(resolveEndpoint(env, "https://mirror.example").toString(),
                 QStringLiteral("http://127.0.0.1:8080"));
    }

    void tokenOrder() {
        QTemporaryDir dir;
        QProcessEnvironment env;
        env.insert("HOME", dir.path());
        QVERIFY(resolveToken(env, {}).value.isEmpty());
        QCOMPARE(resolveToken(env, " from-settings\n").value, QByteArray("from-settings"));
        QCOMPARE(resolveToken(env, "x").source, QStringLiteral("settings"));
        writeFile(dir.filePath(".cache/huggingface/token"), "hf_default\n");
        QCOMPARE(resolveToken(env, "x").value, QByteArray("hf_default"));
        env.insert("HF_HOME", dir.filePath("hfhome"));
        QCOMPARE(resolveToken(env, "x").value, QByteArray("x"));  // HF_HOME has no token file
        writeFile(dir.filePath("hfhome/token"), "hf_home");
        QCOMPARE(resolveToken(env, "x").value, QByteArray("hf_home"));
        env.insert("HF_TOKEN_PATH", dir.filePath("elsewhere"));
        QCOMPARE(resolveToken(env, "x").value, QByteArray("x"));  // the named file is missing
        writeFile(dir.filePath("elsewhere"), "  hf_path  ");
        QCOMPARE(resolveToken(env, "x").value, QByteArray("hf_path"));
        QCOMPARE(resolveToken(env, "x").source, dir.filePath("elsewhere"));
        env.insert("HF_TOKEN", "hf_env");
        const HubToken token = resolveToken(env, "x");
        QCOMPARE(token.value, QByteArray("hf_env"));
        QCOMPARE(token.source, QStringLiteral("HF_TOKEN"));
        QVERIFY(!token.source.contains("hf_env"));
    }

    void tokenOnlyToTheHub() {
        const QUrl hub("https://huggingface.co");
        QVERIFY(isHubOrigin(QUrl("https://huggingface.co/api/models?x=1"), hub));
        QVERIFY(isHubOrigin(QUrl("https://HuggingFace.co:443/api"), hub));
        QVERIFY(!isHubOrigin(QUrl("http://huggingface.co/api"), hub));
        QVERIFY(!isHubOrigin(QUrl("https://cdn-lfs.huggingface.co/x"), hub));
        QVERIFY(!isHubOrigin(QUrl("https://huggingface.co.evil.example/x"), hub));
        QVERIFY(!isHubOrigin(QUrl("https://huggingface.co:8443/x"), hub));
        const QUrl mock("http://127.0.0.1:5000");
        QVERIFY(isHubOrigin(QUrl("http://127.0.0.1:5000/api"), mock));
        QVERIFY(!isHubOrigin(QUrl("http://127.0.0.2:5000/api"), mock));
    }
};

QTEST_GUILESS_MAIN(TestHubSettings)
#include "test_hub_settings.moc"
