#pragma once
// Every setting the workbench keeps between runs, each declared once here with its key and its
// default, so a key is never spelt twice and a default never disagrees with itself.
//
//   const int months = settings::kCurveHorizon.value();
//   settings::kCurveHorizon.set(24);

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

#include "hubgrowth/data/hub/hub_settings.h"

namespace hubgrowth::settings {

template <typename T>
class Setting {
  public:
    Setting(const char* key, T defaultValue) : key_(key), default_(std::move(defaultValue)) {}

    QString key() const { return QString::fromLatin1(key_); }
    const T& defaultValue() const { return default_; }
    T value() const {
        const QVariant stored = QSettings().value(key());
        return stored.isValid() && stored.canConvert<T>() ? stored.value<T>() : default_;
    }
    void set(const T& value) const { QSettings().setValue(key(), QVariant::fromValue(value)); }
    void remove() const { QSettings().remove(key()); }
    bool isSet() const { return QSettings().contains(key()); }

  private:
    const char* key_;
    T default_;
};

// The window and the last session.
inline const Setting<QByteArray> kWindowGeometry{"window/geometry", {}};
inline const Setting<QByteArray> kWindowState{"window/state", {}};
inline const Setting<QByteArray> kWindowSplitter{"window/splitter", {}};
inline const Setting<int> kSessionTab{"session/tab", 0};
inline const Setting<QStringList> kSessionInputs{"session/input", {}};
inline const Setting<QString> kSessionModel{"session/model", {}};
inline const Setting<QStringList> kRecentInputs{"recent", {}};

// The fit tool bar, the Fit menu and the chart options.
inline const Setting<double> kFitM{"fit/m", 100.0};               // the paper's m
inline const Setting<int> kFitFirstMonths{"fit/firstMonths", 0};  // 0: every observed month
inline const Setting<QStringList> kStoreRelations{"store/relations", {}};  // empty: the default
inline const Setting<int> kCurveHorizon{"curve/horizon", 12};
inline const Setting<bool> kCurveLog{"curve/log", false};
inline const Setting<bool> kCurveDates{"curve/dates", false};  // calendar months on the x axis
inline const Setting<QString> kCurveMethod{"curve/method", QStringLiteral("auto")};
inline const Setting<int> kConcentrationMeasure{"concentration/measure", 0};  // last count

// File ▸ Fetch from Hub… (the Hub's endpoint and token keys are shared with the CLI).
inline const Setting<int> kFetchMode{"fetch/mode", 0};  // base ids
inline const Setting<QStringList> kFetchIds{"fetch/ids", {}};
inline const Setting<QString> kFetchAuthor{"fetch/author", {}};
inline const Setting<int> kFetchTop{"fetch/top", 50};
inline const Setting<QStringList> kFetchRelations{"fetch/relations",
                                                  QStringList{QStringLiteral("finetune")}};
inline const Setting<bool> kFetchRecursive{"fetch/recursive", false};
inline const Setting<int> kFetchDepth{"fetch/depth", 2};
inline const Setting<QString> kFetchStore{"fetch/store", {}};  // empty: the app's store
inline const Setting<QString> kHubEndpoint{hub::kEndpointSettingKey, {}};
inline const Setting<QByteArray> kHubToken{hub::kTokenSettingKey, {}};

}  // namespace hubgrowth::settings
