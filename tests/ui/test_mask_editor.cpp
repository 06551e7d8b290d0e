// The product mask editor: the brush paints product with the left button (or the Paint tool) and erases
// with the right one (or the Erase tool), in photo pixels wherever the photo is drawn; the coverage line
// follows; "Undo all edits" brings back the mask it opened with.
#include "ui/mask_editor.h"

#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QtTest>

using namespace adv::ui;

namespace {
QImage photo(int w, int h) {
    QImage img(w, h, QImage::Format_RGB32);
    img.fill(QColor(200, 180, 150));
    return img;
}
int count(const QImage& m, QRect r) {
    int n = 0;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x) n += m.constScanLine(y)[x] >= 128;  // Grayscale8
    return n;
}
} // namespace

class TestMaskEditor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void leftPaintsRightErases() {
        QImage start(200, 100, QImage::Format_Grayscale8);
        start.fill(0);
        MaskEditor ed(QStringLiteral("dress"), photo(200, 100), start);
        ed.resize(600, 500);
        ed.show();
        QVERIFY(QTest::qWaitForWindowExposed(&ed));
        MaskCanvas* c = ed.canvas();
        c->setBrushRadius(5);
        QSignalSpy edited(c, &MaskCanvas::edited);
        // A horizontal stroke across the middle of the photo, in widget coordinates.
        const auto at = [&](double px, double py) {
            // the inverse of toPhoto: find the widget point over photo pixel (px, py)
            const QPointF o = c->toPhoto(QPointF(0, 0)), one = c->toPhoto(QPointF(1, 1));
            const double sx = one.x() - o.x(), sy = one.y() - o.y();
            return QPoint(int(std::lround((px - o.x()) / sx)), int(std::lround((py - o.y()) / sy)));
        };
        QTest::mousePress(c, Qt::LeftButton, {}, at(40, 50));
        QMouseEvent move(QEvent::MouseMove, at(160, 50), c->mapToGlobal(at(160, 50)), Qt::NoButton, Qt::LeftButton, {});
        QApplication::sendEvent(c, &move);
        QTest::mouseRelease(c, Qt::LeftButton, {}, at(160, 50));
        QVERIFY(edited.count() >= 2);
        QImage m = ed.mask();
        QCOMPARE(m.size(), QSize(200, 100));
        QVERIFY(count(m, QRect(45, 48, 110, 5)) >= 110 * 5 - 10);  // the stroke's core is product
        QCOMPARE(count(m, QRect(0, 0, 200, 30)), 0);                // nothing far from it
        QVERIFY(ed.findChild<QLabel*>(QStringLiteral("maskCoverage"))->text().contains(QString::number(ed.productPercent())));
        QVERIFY(ed.productPercent() > 0);
        // The right button erases (the Paint tool is on): a dab in the middle of the stroke.
        QTest::mousePress(c, Qt::RightButton, {}, at(100, 50));
        QTest::mouseRelease(c, Qt::RightButton, {}, at(100, 50));
        m = ed.mask();
        QCOMPARE(count(m, QRect(98, 48, 5, 5)), 0);
        QVERIFY(count(m, QRect(50, 48, 5, 5)) > 20);
        // With the Erase tool the left button erases.
        ed.findChild<QRadioButton*>(QStringLiteral("eraseTool"))->setChecked(true);
        QVERIFY(c->erasing());
        QTest::mousePress(c, Qt::LeftButton, {}, at(50, 50));
        QTest::mouseRelease(c, Qt::LeftButton, {}, at(50, 50));
        QCOMPARE(count(ed.mask(), QRect(48, 48, 5, 5)), 0);
        // Undo all edits: the mask it opened with (empty).
        for (auto* b : ed.findChildren<QPushButton*>())
            if (b->text().contains(QStringLiteral("Undo"))) b->click();
        QCOMPARE(count(ed.mask(), QRect(0, 0, 200, 100)), 0);
        QCOMPARE(ed.productPercent(), 0);
    }

    void startsFromTheGivenMask() {
        QImage start(64, 64, QImage::Format_Grayscale8);
        start.fill(0);
        for (int y = 16; y < 48; ++y)
            for (int x = 16; x < 48; ++x) start.scanLine(y)[x] = 255;
        MaskEditor ed(QStringLiteral("shirt"), photo(64, 64), start);
        QCOMPARE(ed.productPercent(), 25);
        QCOMPARE(ed.mask(), start);
    }
};

QTEST_MAIN(TestMaskEditor)
#include "test_mask_editor.moc"
