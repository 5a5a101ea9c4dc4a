# Reliability builds, each in a build directory of its own (docs/reliability.md):
#   VANTAGE_FUZZ  libFuzzer targets in tests/fuzz (clang only): every first-party
#                 object is built with ASan + UBSan and -fsanitize=fuzzer-no-link,
#                 so the parsers in vantage_core report coverage to the fuzzer
#                 (a GCC-built library would leave the fuzzer blind). Used by
#                 scripts/fuzz.sh.
#   VANTAGE_TSAN  ThreadSanitizer build of vantage_core and thread_tests (the
#                 frame cache, autosave, worker pools, UI-thread handoff). Used by
#                 scripts/test.sh --tsan.
option(VANTAGE_FUZZ "libFuzzer targets in tests/fuzz (clang only, own build dir)" OFF)
option(VANTAGE_TSAN "ThreadSanitizer build (own build dir)" OFF)

if(VANTAGE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "VANTAGE_FUZZ needs clang: configure a separate build dir with "
                        "CC=clang CXX=clang++ (scripts/fuzz.sh does)")
  endif()
  if(VANTAGE_SANITIZE OR VANTAGE_TSAN)
    message(FATAL_ERROR "VANTAGE_FUZZ brings its own sanitizers: turn VANTAGE_SANITIZE and VANTAGE_TSAN off")
  endif()
  # -O1 and line tables only, as OSS-Fuzz builds: quick to compile, fast
  # enough to run, and stack traces still name file and line.
  foreach(config RELWITHDEBINFO RELEASE DEBUG MINSIZEREL)
    set(CMAKE_CXX_FLAGS_${config} "-O1 -gline-tables-only")
    set(CMAKE_C_FLAGS_${config} "-O1 -gline-tables-only")
  endforeach()
  # _GLIBCXX_ASSERTIONS bounds-checks operator[] of the standard containers
  # without changing their layout (the prebuilt OpenCV/TBB stay compatible).
  add_compile_options(-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS
                      -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION)
  add_link_options(-fsanitize=address,undefined)
endif()

if(VANTAGE_TSAN)
  if(VANTAGE_SANITIZE)
    message(FATAL_ERROR "ThreadSanitizer cannot be combined with AddressSanitizer: turn VANTAGE_SANITIZE off")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
  # Code that runs OpenCV's parallel_for_ turns its TBB pool off under TSan:
  # TBB is not instrumented, so its happens-before edges are invisible and
  # every result handed back through it reads as a race.
  add_compile_definitions(VANTAGE_TSAN=1)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 warns that TSan ignores atomic_thread_fence (used in headers we
    # do not own); our code synchronises on the atomics themselves.
    add_compile_options(-Wno-tsan)
  endif()
endif()
