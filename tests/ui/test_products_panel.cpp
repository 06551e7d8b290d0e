// Product concepts in the Variants workspace: photos become grid rows named for a caption, a mask beside a
// photo is found, masks are corrected in the editor and written atomically, the panel round-trips through
// the project, and a product row renders with the photo's product kept (its mask saved beside the render,
// the record naming the photo and the strength).
#include "ui/instance_picker.h"
#include "ui/mask_editor.h"
#include "ui/preferences.h"
#include "ui/products_panel.h"
#include "ui/variants_page.h"

#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "dataset/coco.h"

#include <fstream>

using namespace adv::ui;

namespace {
// A transparent PNG: an opaque red ellipse (the product) on a fully transparent background.
QString writeCutout(const QString& path, int w, int h) {
    QImage img(w, h, QImage::Format_ARGB32);
    img.fill(Qt::transparent);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const double dx = (x - w / 2.0) / (w * 0.3), dy = (y - h / 2.0) / (h * 0.4);
            if (dx * dx + dy * dy <= 1) img.setPixel(x, y, qRgba(180 + (x % 7), 30, 40 + (y % 5), 255));
        }
    img.save(path);
    return path;
}
} // namespace

class TestProductsPanel : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;

private Q_SLOTS:
    void initTestCase() {
        QCoreApplication::setOrganizationName("AdVariantTest");
        QCoreApplication::setApplicationName("test_products_panel");
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, tmp.filePath("settings"));
        Preferences::instance().setOutputFolder(tmp.filePath("out"));
        Preferences::instance().setDevice("cpu");
    }

    void photosBecomeNamedRows() {
        ProductsPanel p;
        QSignalSpy changed(&p, &ProductsPanel::changed);
        const QString a = writeCutout(tmp.filePath("red_dress-01.png"), 48, 64);
        QCOMPARE(p.addProduct(a), QStringLiteral("red dress 01"));
        QCOMPARE(p.addProduct(a), QStringLiteral("red dress 01 2"));  // the same photo twice: two rows
        QCOMPARE(changed.count(), 2);
        QImage shirtMask(8, 8, QImage::Format_Grayscale8), shirt(8, 8, QImage::Format_RGB32);
        shirtMask.fill(255);
        shirt.fill(Qt::white);
        QVERIFY(shirtMask.save(tmp.filePath("shirt.mask.png")));
        QVERIFY(shirt.save(tmp.filePath("shirt.png")));
        QCOMPARE(p.addProduct(tmp.filePath("shirt.png")), QStringLiteral("shirt"));
        QCOMPARE(p.input(QStringLiteral("shirt")).mask, tmp.filePath("shirt.mask.png").toStdString());
        QCOMPARE(p.input(QStringLiteral("red dress 01")).mask, std::string());
        QSignalSpy message(&p, &ProductsPanel::message);
        QFile bad(tmp.filePath("broken.png"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("not a picture");
        bad.close();
        QCOMPARE(p.addProduct(bad.fileName()), QString());
        QCOMPARE(message.count(), 1);
        QVERIFY(message[0][0].toString().contains(QStringLiteral("broken.png")));
        QCOMPARE(p.names(), (QStringList{"red dress 01", "red dress 01 2", "shirt"}));

        // Through the project and back.
        QCOMPARE(p.featherPx(), -1);  // automatic until set
        QCOMPARE(p.input(QStringLiteral("shirt")).featherPx, -1.0);
        p.setStrength(0.8);
        p.setKeepLayout(true);
        p.setFeatherPx(0);
        ProductsPanel q;
        q.fromJson(p.toJson());
        QCOMPARE(q.names(), p.names());
        QCOMPARE(q.strength(), 0.8);
        QVERIFY(q.keepLayout());
        QCOMPARE(q.featherPx(), 0);
        QCOMPARE(q.input(QStringLiteral("shirt")).featherPx, 0.0);
        QVERIFY(q.input(QStringLiteral("shirt")).keepLayout);
        QCOMPARE(q.input(QStringLiteral("shirt")).mask, p.input(QStringLiteral("shirt")).mask);
        p.removeProduct(QStringLiteral("red dress 01 2"));
        QCOMPARE(p.names().size(), 2);
    }

    // The editor opens on the photo's alpha channel; what it returns is written atomically and used.
    // Garments of the open dataset as products: picked in the dialog (largest first, a preview of the cut-out),
    // each written as a photo + mask in the product folder and added as a row named for its category; an
    // instance whose image is gone is reported in one line and the others still added.
    void datasetInstancesBecomeProducts() {
        const QString images = tmp.filePath("ds-images");
        QVERIFY(QDir().mkpath(images));
        QImage pic(60, 40, QImage::Format_RGB32);
        for (int y = 0; y < 40; ++y)
            for (int x = 0; x < 60; ++x) pic.setPixel(x, y, qRgb(x * 4, y * 6, (x * 7 + y * 13) & 0xff));
        QVERIFY(pic.save(QDir(images).filePath("a.png")));
        const std::string json = tmp.filePath("instances.json").toStdString();
        std::ofstream(json) << R"({"images": [{"id": 1, "file_name": "a.png", "width": 60, "height": 40},
                                              {"id": 2, "file_name": "gone.png", "width": 60, "height": 40}],
          "categories": [{"id": 7, "name": "shirt, blouse", "supercategory": "upperbody"},
                         {"id": 9, "name": "skirt", "supercategory": "lowerbody"},
                         {"id": 31, "name": "sleeve", "supercategory": "garment parts"}],
          "annotations": [
            {"id": 11, "image_id": 1, "category_id": 7, "area": 100, "segmentation": [[20, 10, 30, 10, 30, 20, 20, 20]]},
            {"id": 12, "image_id": 1, "category_id": 9, "area": 500, "segmentation": [[10, 20, 50, 20, 50, 38, 10, 38]]},
            {"id": 13, "image_id": 2, "category_id": 7, "area": 300, "segmentation": [[5, 5, 30, 5, 30, 30, 5, 30]]},
            {"id": 14, "image_id": 1, "category_id": 31, "area": 60, "segmentation": [[40, 5, 50, 5, 50, 11, 40, 11]]}]})";
        auto ds = std::make_shared<adv::coco::Dataset>(adv::coco::loadCoco(json));

        ProductsPanel p;
        p.setProductFolder(tmp.filePath("ds-products"));
        auto* fromDataset = p.findChild<QPushButton*>(QStringLiteral("productsFromDataset"));
        QVERIFY(fromDataset);
        QVERIFY(!fromDataset->isEnabled());  // no dataset open yet
        p.setDataset(ds, images);
        QVERIFY(fromDataset->isEnabled());
        QSignalSpy opened(&p, &ProductsPanel::datasetPickerOpened);
        QSignalSpy added(&p, &ProductsPanel::productsAdded);
        fromDataset->click();
        QCOMPARE(opened.count(), 1);
        auto* picker = opened[0][0].value<InstancePicker*>();
        QVERIFY(picker);
        QCOMPARE(picker->visibleRows(), 3);  // the sleeve is a garment part: hidden until asked for
        picker->setWholeItemsOnly(false);
        QCOMPARE(picker->visibleRows(), 4);
        picker->setWholeItemsOnly(true);
        picker->setCategory(9);
        QCOMPARE(picker->visibleRows(), 1);
        picker->selectAnnotation(0);  // a shirt: the skirt filter is lifted to show it
        QCOMPARE(picker->visibleRows(), 4);
        QCOMPARE(picker->selectedAnnotations(), (QList<size_t>{0}));
        QVERIFY(!picker->preview().isNull());
        QVERIFY(picker->preview().width() < 60);  // the instance's crop, not the whole picture
        if (const QByteArray dir = qgetenv("ADV_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QDir().mkpath(QString::fromLocal8Bit(dir));
            picker->grab().save(QDir(QString::fromLocal8Bit(dir)).filePath(QStringLiteral("instance_picker.png")));
        }
        picker->accept();
        QVERIFY(added.wait(30000));
        QCOMPARE(added[0][0].toStringList(), QStringList{QStringLiteral("shirt")});
        const auto in = p.input(QStringLiteral("shirt"));
        QVERIFY(QFileInfo(QString::fromStdString(in.photo)).absolutePath() == QDir(tmp.filePath("ds-products")).absolutePath());
        QCOMPARE(in.mask, adv::studio::maskFileFor(in.photo));
        QImage mask(QString::fromStdString(in.mask));
        QVERIFY(!mask.isNull());
        QCOMPARE(mask.pixelColor(mask.width() / 2, mask.height() / 2).value(), 255);  // the garment
        QCOMPARE(mask.pixelColor(0, 0).value(), 0);                                   // the margin around it

        // Straight from the Dataset page's "Use as products": the skirt is added, the shirt of a missing
        // picture reported.
        QSignalSpy message(&p, &ProductsPanel::message);
        p.addFromDataset({1, 2});
        QVERIFY(added.wait(30000));
        QCOMPARE(added[1][0].toStringList(), QStringList{QStringLiteral("skirt")});
        QCOMPARE(p.names(), (QStringList{"shirt", "skirt"}));
        QVERIFY2(message.last()[0].toString().contains(QStringLiteral("gone.png")), qPrintable(message.last()[0].toString()));
    }

    void maskIsCorrectedAndKept() {
        ProductsPanel p;
        p.setMaskFolder(tmp.filePath("masks"));
        const QString name = p.addProduct(writeCutout(tmp.filePath("bag.png"), 40, 40));
        QSignalSpy opened(&p, &ProductsPanel::maskEditorOpened);
        p.editMask(name);
        QVERIFY(opened.wait(60000));
        auto* ed = opened[0][0].value<MaskEditor*>();
        QVERIFY(ed);
        const int start = ed->productPercent();
        QVERIFY2(start > 25 && start < 50, qPrintable(QString::number(start)));  // the ellipse: pi * 0.3 * 0.4 = 38 %
        ed->canvas()->stroke(QPointF(2, 2), QPointF(2, 2), false);  // a dab of product in the corner
        QVERIFY(ed->productPercent() >= start);
        ed->accept();
        const std::string mask = p.input(name).mask;
        QCOMPARE(QString::fromStdString(mask), tmp.filePath("masks/bag.mask.png"));
        const QImage saved(QString::fromStdString(mask));
        QCOMPARE(saved.size(), QSize(40, 40));
        QVERIFY(qGray(saved.pixel(2, 2)) > 128);    // the correction
        QVERIFY(qGray(saved.pixel(20, 20)) > 128);  // the product
        QVERIFY(qGray(saved.pixel(39, 0)) < 128);   // the background
        // A folder that cannot be written: one line, and the mask in use stays.
        QFile blocker(tmp.filePath("blocked"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        p.setMaskFolder(tmp.filePath("blocked/masks"));
        const QString err = p.saveMask(name, saved);
        QVERIFY(!err.isEmpty());
        QCOMPARE(p.input(name).mask, mask);
    }

    // A product row of the grid with the embedded model: rendered, its mask beside it, the record naming it.
    // Corrected masks and dataset crops go under the output folder the Settings name now, not the one of startup.
    void foldersFollowTheOutputFolder() {
        VariantsPage page;
        QCOMPARE(page.products()->maskFolder(), QDir(tmp.filePath("out")).filePath("variants/masks"));
        Preferences::instance().setOutputFolder(tmp.filePath("elsewhere"));
        QCOMPARE(page.products()->maskFolder(), QDir(tmp.filePath("elsewhere")).filePath("variants/masks"));
        QCOMPARE(page.products()->productFolder(), QDir(tmp.filePath("elsewhere")).filePath("variants/products"));
        Preferences::instance().setOutputFolder(tmp.filePath("out"));
    }

    void productRowsRender() {
        VariantsPage page;
        page.setModelPath(QString());
        page.setCompareWithoutLora(false);
        page.findChild<QLineEdit*>(QStringLiteral("concepts"))->setText(QStringLiteral("dress"));
        page.findChild<QLineEdit*>(QStringLiteral("conditions"))->setText(QStringLiteral("beach"));
        const QString photo = writeCutout(tmp.filePath("summer_dress.png"), 96, 128);
        QCOMPARE(page.products()->addProduct(photo), QStringLiteral("summer dress"));
        page.products()->setStrength(0.9);
        QSignalSpy grid(&page, &VariantsPage::gridFinished);
        page.renderGrid();
        QVERIFY(grid.wait(600000));
        const auto cells = page.cells();
        QCOMPARE(cells.size(), 2);
        int products = 0;
        for (const auto& c : cells) {
            QVERIFY2(c.rendered(), qPrintable(c.id + QStringLiteral(": ") + page.statusText()));
            QVERIFY(QFile::exists(c.path));
            QString mask = c.path;
            mask.chop(4);
            mask += QStringLiteral(".mask.png");
            if (c.record.concept != "summer dress") {
                QVERIFY(c.record.productSource.empty());
                QVERIFY(!QFile::exists(mask));
                continue;
            }
            ++products;
            QCOMPARE(c.record.productSource, photo.toStdString());
            QCOMPARE(c.record.denoisingStrength, 0.9);
            QCOMPARE(c.record.prompt, std::string("a summer dress on the beach"));
            const QImage m(mask), img(c.path);
            QVERIFY2(!m.isNull(), qPrintable(mask));
            QCOMPARE(m.size(), img.size());
            // The product is kept: where the mask is solid, the render is the photo's red.
            int red = 0, inside = 0;
            for (int y = 2; y < m.height() - 2; ++y)
                for (int x = 2; x < m.width() - 2; ++x) {
                    bool solid = true;
                    for (int dy = -2; dy <= 2 && solid; ++dy)
                        for (int dx = -2; dx <= 2 && solid; ++dx) solid = qGray(m.pixel(x + dx, y + dy)) > 128;
                    if (!solid) continue;
                    ++inside;
                    const QRgb p = img.pixel(x, y);
                    red += qRed(p) >= 170 && qGreen(p) <= 40 && qBlue(p) <= 50;
                }
            QVERIFY(inside > 20);
            QCOMPARE(red, inside);
        }
        QCOMPARE(products, 1);
    }
};

QTEST_MAIN(TestProductsPanel)
#include "test_products_panel.moc"
