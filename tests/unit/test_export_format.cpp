// SPDX-License-Identifier: Apache-2.0
#include <pw/io/export_format.h>

#include <QTest>

using namespace pw;
using namespace pw::io;

class TestExportFormat : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void namesRoundTrip()
    {
        for (auto f :
             {ExportFormat::Fbx, ExportFormat::Bvh, ExportFormat::Glb, ExportFormat::Json}) {
            QCOMPARE(*parseFormat(formatName(f)), f);
            QCOMPARE(*formatFromPath(std::string("x/clip") + formatExtension(f)), f);
        }
        QCOMPARE(*parseFormat("GLTF"), ExportFormat::Glb);
        QCOMPARE(*formatFromPath("CLIP.FBX"), ExportFormat::Fbx);
    }

    void unknownFormatsAreRejectedWithTheChoices()
    {
        auto r = parseFormat("obj");
        QCOMPARE(r.error().code, Errc::InvalidArgument);
        QVERIFY(r.error().describe().find("fbx, bvh, glb or json") != std::string::npos);
        auto p = formatFromPath("clip");
        QVERIFY(p.error().describe().find("no extension") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestExportFormat)
#include "test_export_format.moc"
