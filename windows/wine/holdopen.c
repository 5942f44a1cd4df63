/*
 * TEST-ONLY helper for scripts/test-windows.sh: holds a file open the way SQLite and PDF viewers
 * do on Windows (others may read and write, but not delete or replace it), so the test can check
 * what Lotsenbüro does when Windows refuses to replace an open file.
 *   holdopen.exe <file> <ready-file> <seconds>
 * Writes <ready-file> once the file is open, then waits and exits.
 */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 4) {
        fwprintf(stderr, L"usage: holdopen <file> <ready-file> <seconds>\n");
        return 2;
    }
    HANDLE h = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fwprintf(stderr, L"cannot open: %lu\n", GetLastError());
        return 1;
    }
    HANDLE ready = CreateFileW(argv[2], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                               FILE_ATTRIBUTE_NORMAL, NULL);
    if (ready != INVALID_HANDLE_VALUE)
        CloseHandle(ready);
    Sleep((DWORD)_wtoi(argv[3]) * 1000);
    CloseHandle(h);
    return 0;
}
