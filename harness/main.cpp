#include "harness/cli/cli.h"

int main(int argc, char** argv) { return edgebench::cli::RunCli(argc, argv); }
