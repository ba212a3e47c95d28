// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>

#include <QString>

#include <memory>

class QOpenGLShaderProgram;

namespace pw::render {

/// Compiles and links a program from two Qt resource files (":/shaders/x.vert", ...).
/// Needs a current OpenGL context. Error: Internal with the GL compiler log.
Result<std::unique_ptr<QOpenGLShaderProgram>> buildProgram(const QString& vertexResource,
                                                           const QString& fragmentResource);

} // namespace pw::render
