# Warnings for every first-party target: call vantage_warnings(target).
function(vantage_warnings target)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
                                             -Wnon-virtual-dtor -Wno-missing-field-initializers)
    # GCC 12 reports false positives for std::variant moves (GCC bug 105562 and kin).
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  else()
    # clang (the fuzz build) has no -Wshadow=local.
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wnon-virtual-dtor
                                             -Wno-missing-field-initializers)
  endif()
  if(VANTAGE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
