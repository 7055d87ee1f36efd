#pragma once
// The banner above the charts while the synthetic demo is shown: says it is not real data and
// offers one click to real data (fetch from the Hub, import the paper's CSV, open a store).

#include <QFrame>

class QLabel;

namespace hubgrowth {

class DemoNotice : public QFrame {
    Q_OBJECT
  public:
    explicit DemoNotice(QWidget* parent = nullptr);

    void setProvenance(const QString& provenance);

  signals:
    void fetchRequested();
    void importRequested();
    void openStoreRequested();

  private:
    QLabel* text_;
};

}  // namespace hubgrowth
