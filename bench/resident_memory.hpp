#pragma once
// The benchmark process's resident memory in MiB (VmRSS of /proc/self/status; 0 where that file is missing).

#include <cstdio>

inline double ResidentMiB() {
    std::FILE* status = std::fopen("/proc/self/status", "r");
    if (!status) return 0;
    char line[256];
    double kib = 0;
    while (std::fgets(line, sizeof line, status)) {
        if (std::sscanf(line, "VmRSS: %lf kB", &kib) == 1) break;
    }
    std::fclose(status);
    return kib / 1024;
}
