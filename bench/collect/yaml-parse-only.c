/* The benchmark's baseline: parse every file named on the command line with
 * a bare libyaml event loop (no tree, no checks), as fast as YAML can be read. */
#include <stdio.h>
#include <stdlib.h>

#include <yaml.h>

/* Returns the number of events, or -1 when the file is not YAML. */
static long
parse_one(const char *path)
{
	FILE *f = fopen(path, "rb");
	yaml_parser_t parser;
	yaml_event_t event;
	long events = 0;
	int done = 0;

	if (!f)
		return -1;
	if (!yaml_parser_initialize(&parser)) {
		fclose(f);
		return -1;
	}
	yaml_parser_set_input_file(&parser, f);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			events = -1;
			break;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&event);
		events++;
	}
	yaml_parser_delete(&parser);
	fclose(f);
	return events;
}

int
main(int argc, char **argv)
{
	long total = 0, bad = 0;

	for (int i = 1; i < argc; i++) {
		long n = parse_one(argv[i]);

		if (n < 0)
			bad++;
		else
			total += n;
	}
	printf("%d files, %ld events, %ld not parsed\n", argc - 1, total, bad);
	return bad ? 1 : 0;
}
