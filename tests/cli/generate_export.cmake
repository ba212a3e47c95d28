# SPDX-License-Identifier: Apache-2.0
# `posewright-cli generate` end to end: generates takes into OUT (removed first) and exports every
# take it printed in each of FORMATS (a ;-list). Fails unless one take per seed (SEEDS, a comma
# list) was written and every export succeeded.
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND ${CMD} --no-log-file --threads 1 generate --model ${MODEL} --qwen ${QWEN}
                        --clip ${CLIP} --prompt "A person walks forward, then turns left."
                        --duration 2 --seeds ${SEEDS} --device cpu --out ${OUT}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("generate: exit status ${rc}\nstdout:\n${out}\nstderr:\n${err}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "generate failed")
endif()
string(REPLACE "," ";" seeds "${SEEDS}")
list(LENGTH seeds wanted)
string(STRIP "${out}" out)
string(REPLACE "\n" ";" takes "${out}")
list(LENGTH takes count)
if(NOT count EQUAL wanted)
    message(FATAL_ERROR "expected ${wanted} take paths on stdout, got ${count}")
endif()
foreach(seed ${seeds})
    if(NOT out MATCHES "-s${seed}-c[0-9]+-[0-9a-f]+\\.pwtake")
        message(FATAL_ERROR "no take for seed ${seed}")
    endif()
endforeach()
foreach(take ${takes})
    if(NOT EXISTS "${take}")
        message(FATAL_ERROR "printed take does not exist: ${take}")
    endif()
    foreach(fmt ${FORMATS})
        execute_process(COMMAND ${CMD} --no-log-file export --take ${take} --out ${take}.${fmt}
                        RESULT_VARIABLE rc OUTPUT_VARIABLE eout ERROR_VARIABLE eerr)
        message("export ${fmt}: ${eout}${eerr}")
        if(NOT rc EQUAL 0 OR NOT eout MATCHES "exported ${fmt}: 60 frames at 30 fps"
           OR NOT EXISTS "${take}.${fmt}")
            message(FATAL_ERROR "export of ${take} to ${fmt} failed")
        endif()
    endforeach()
endforeach()
