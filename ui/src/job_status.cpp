#include "hubgrowth/ui/job_status.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>

namespace hubgrowth {

JobStatus::JobStatus(QStatusBar* bar) : QObject(bar) {
    text_ = new QLabel();
    progress_ = new QProgressBar();
    progress_->setMaximumWidth(220);
    progress_->hide();
    cancel_ = new QPushButton(tr("Cancel"));
    cancel_->setToolTip(tr("Stop loading, fitting or fetching (Esc)"));
    cancel_->hide();
    connect(cancel_, &QPushButton::clicked, this, &JobStatus::cancelRequested);
    bar->addWidget(text_, 1);
    bar->addPermanentWidget(progress_);
    bar->addPermanentWidget(cancel_);
}

void JobStatus::showProgress(Source source, const QString& what, int done, int total) {
    if (ignored(source))
        return;
    fetchOwnsLine_ = source == Source::Fetch;
    progress_->show();
    cancel_->show();
    progress_->setRange(0, total);
    progress_->setValue(done);
    show(source, total > 0 && source != Source::Fetch
                     ? tr("%1 %2 / %3").arg(what).arg(done).arg(total)
                     : what);
}

void JobStatus::clear(Source source) {
    if (ignored(source))
        return;
    fetchOwnsLine_ = false;
    progress_->hide();
    cancel_->hide();
}

void JobStatus::showMessage(Source source, const QString& text) {
    if (!ignored(source))
        show(source, text);
}

void JobStatus::setText(const QString& text) {
    noticeHeld_ = true;
    text_->setText(text);
}

void JobStatus::show(Source source, const QString& text) {
    if (source == Source::Background && noticeHeld_)
        return;
    if (source != Source::Background)
        noticeHeld_ = false;
    text_->setText(text);
}

QString JobStatus::text() const {
    return text_->text();
}

}  // namespace hubgrowth
