// thread_tests: the frame cache, autosave, the worker pools (propagation,
// import/export jobs) and the UI-thread handoff, run under ThreadSanitizer by
// scripts/test.sh --tsan (and as plain tests in every other build).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <opencv2/core.hpp>

int main(int argc, char** argv) {
#ifdef VANTAGE_TSAN
  // OpenCV's parallel_for_ runs on TBB, which is not instrumented: TSan cannot
  // see its happens-before edges and reports every handed-back result as a
  // race. Sequential OpenCV keeps the reports to our own code.
  cv::setNumThreads(0);
#endif
  return Catch::Session().run(argc, argv);
}
