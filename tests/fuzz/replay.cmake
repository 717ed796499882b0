# SPDX-License-Identifier: MIT
# The regression corpus of the fuzz targets, replayed by the ordinary build
# (any compiler, no libFuzzer): tests/CMakeLists.txt includes this file. The
# fuzz build (TME_FUZZ) registers the same tests itself, in tests/fuzz.
if(TME_FUZZ)
  return()
endif()
foreach(target extract segment normalize align decode html units)
  add_executable(fuzz_replay_${target}
    ${CMAKE_CURRENT_LIST_DIR}/fuzz_${target}.c
    ${CMAKE_CURRENT_LIST_DIR}/fuzz_util.c
    ${CMAKE_CURRENT_LIST_DIR}/replay_main.c)
  target_link_libraries(fuzz_replay_${target} PRIVATE tmexport_internal)
  add_test(NAME fuzz_replay_${target}
           COMMAND fuzz_replay_${target} ${CMAKE_CURRENT_LIST_DIR}/regressions/${target}
                   ${PROJECT_SOURCE_DIR}/samples ${PROJECT_SOURCE_DIR}/samples/un-charter-ch1-3-zh-first)
endforeach()
