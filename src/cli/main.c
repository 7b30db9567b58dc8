/* actionplan: command-line entry point (placeholder until the CLI lands). */
#include <stdio.h>

int
main(void)
{
	puts("actionplan " AP_VERSION);
	return 0;
}
