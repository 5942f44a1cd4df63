/*
 * TEST-ONLY stand-in for bcryptprimitives.dll, for running lotsen.exe under Wine 8.
 *
 * Rust's standard library gets random bytes (HashMap seeds) from ProcessPrng in
 * bcryptprimitives.dll, which every Windows 10/11 has but Wine 8 does not. This DLL
 * answers ProcessPrng with advapi32's RtlGenRandom (SystemFunction036), which Wine has.
 * scripts/test-windows.sh builds it into the Wine test folder. It is never installed
 * and never part of the installer.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
