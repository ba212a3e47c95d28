// SPDX-License-Identifier: Apache-2.0
// Pixel statistics used to check that a rendered viewport shows the ground grid.
#pragma once

#include <QImage>

namespace pw::test {

struct GridPixelStats
{
    int lineish = 0; ///< pixels clearly brighter than the clear colour (grid lines)
    int reddish = 0; ///< pixels of the red X axis
    int bluish = 0;  ///< pixels of the blue Z axis
};

inline GridPixelStats gridPixelStats(const QImage& image)
{
    GridPixelStats s;
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < img.height(); ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x) {
            const int r = qRed(row[x]);
            const int g = qGreen(row[x]);
            const int b = qBlue(row[x]);
            if (r + g + b > 3 * 60) {
                ++s.lineish;
            }
            if (r > g + 60 && r > b + 60) {
                ++s.reddish;
            }
            if (b > r + 60 && b > g + 30) {
                ++s.bluish;
            }
        }
    }
    return s;
}

} // namespace pw::test
