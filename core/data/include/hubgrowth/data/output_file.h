#pragma once
// Writes a whole output at once: atomically through QSaveFile (an interrupted write leaves the
// previous file intact), or to stdout for "-" / an empty path.

#include <QByteArray>
#include <QString>

namespace hubgrowth {

// Returns an empty string on success, else a one-line message naming the path.
QString writeOutput(const QString& path, const QByteArray& content);

}  // namespace hubgrowth
