// SPDX-License-Identifier: Apache-2.0
#include <pw/render/shader_program.h>

#include <QOpenGLShaderProgram>

namespace pw::render {

Result<std::unique_ptr<QOpenGLShaderProgram>> buildProgram(const QString& vertexResource,
                                                           const QString& fragmentResource)
{
    auto program = std::make_unique<QOpenGLShaderProgram>();
    if (!program->addShaderFromSourceFile(QOpenGLShader::Vertex, vertexResource) ||
        !program->addShaderFromSourceFile(QOpenGLShader::Fragment, fragmentResource) ||
        !program->link()) {
        return Error(Errc::Internal, "shader build failed: " + program->log().toStdString())
            .inFile(vertexResource.toStdString());
    }
    return program;
}

} // namespace pw::render
