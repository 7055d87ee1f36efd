#pragma once
// Where the Hub is and which token to present, resolved like huggingface_hub does.
// The token is a secret: never log it, never write it to a file HubGrowth produces.

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace hubgrowth::hub {

inline constexpr char kDefaultEndpoint[] = "https://huggingface.co";
// The app's QSettings keys (shared by `hubgrowth fetch` and the fetch dialog).
inline constexpr char kEndpointSettingKey[] = "hub/endpoint";
inline constexpr char kTokenSettingKey[] = "hub/token";

// True for a URL a Hub can live at: http(s) with a host.
bool isHttpUrl(const QUrl& url);

// HF_ENDPOINT (trailing slashes removed), else the app's setting, else https://huggingface.co.
QUrl resolveEndpoint(const QProcessEnvironment& env, const QString& setting);

struct HubToken {
    QByteArray value;  // empty: anonymous
    QString source;    // "HF_TOKEN", a file path or "settings" (safe to show; never the value)
};

// HF_TOKEN, else the file at HF_TOKEN_PATH, else $HF_HOME/token (HF_HOME defaults to
// $HOME/.cache/huggingface), else the app's setting. Surrounding whitespace is dropped.
HubToken resolveToken(const QProcessEnvironment& env, const QByteArray& setting);

// True when a request to `url` may carry the token: same scheme, host and port as the Hub.
bool isHubOrigin(const QUrl& url, const QUrl& endpoint);

}  // namespace hubgrowth::hub
