/* Test driver: the width (utext_width, the rule of utext.h) of each line
 * of standard input, one number a line, for tests/utext/test_widths_tmux.py. */
#include <stdio.h>
#include <string.h>

#include "utext.h"

int
main(void)
{
	static char line[65536];

	while (fgets(line, sizeof(line), stdin)) {
		size_t len = strcspn(line, "\n");

		printf("%zu\n", utext_width(line, len, NULL));
	}
	return 0;
}
