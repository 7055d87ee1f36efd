// Build-time tool: writes the embedded demo snapshot (synthetic) in the paper's CSV format.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "hubgrowth/core/demo/demo_generator.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: hubgrowth-demo-gen OUTPUT.csv\n";
        return 2;
    }
    const std::string csv = hubgrowth::demoDatasetToPaperCsv(hubgrowth::generateDemoDataset());
    const std::string tmp = std::string(argv[1]) + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << csv;
        if (!out) {
            std::cerr << "hubgrowth-demo-gen: cannot write " << tmp << "\n";
            return 1;
        }
    }
    if (std::rename(tmp.c_str(), argv[1]) != 0) {
        std::cerr << "hubgrowth-demo-gen: cannot rename to " << argv[1] << "\n";
        return 1;
    }
    return 0;
}
