/* HTML for the collector's site and for `diff --html`: escaping whatever
 * comes from a plan or a questionnaire (and making it harmless by the one
 * rule, utext_show.h), the one stylesheet, and the start and end of a
 * page. Pages need no JavaScript. */
#include "collect_int.h"

#include <pthread.h>
#include <string.h>

#include "utext.h"
#include "utext_show.h"

/* Bytes collect_html_esc has to look at: controls, markup, and the lead
 * bytes of what the harmless-text rule may escape (C1 controls after
 * 0xC2, U+061C after 0xD8, the bidirectional controls and separators
 * after 0xE2, noncharacters after 0xEF and 0xF0..0xF4) or of something
 * that is not UTF-8. */
static bool special[256];
static pthread_once_t special_once = PTHREAD_ONCE_INIT;

static void
fill_special(void)
{
	for (int c = 0; c < 256; c++)
		special[c] = c < 0x20 || c == 0x7f || c == 0xc2 || c == 0xd8 ||
			     c == 0xe2 || c >= 0xef ||
			     c == '&' || c == '<' || c == '>' || c == '"' ||
			     c == '\'';
}

void
collect_html_esc(sbuf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t pos = 0, run, q;
	char notation[UTEXT_ESCAPE_SIZE];
	uint32_t cp;

	pthread_once(&special_once, fill_special);
	while (pos < len) {
		run = pos;
		/* Four at a time: most text has nothing to escape. */
		while (len - run >= 4 &&
		       !(special[u[run]] | special[u[run + 1]] |
			 special[u[run + 2]] | special[u[run + 3]]))
			run += 4;
		while (run < len && !special[u[run]])
			run++;
		sbuf_add(b, s + pos, run - pos);
		if (run >= len)
			break;
		pos = run;
		switch (s[pos]) {
		case '&': sbuf_str(b, "&amp;"); pos++; continue;
		case '<': sbuf_str(b, "&lt;"); pos++; continue;
		case '>': sbuf_str(b, "&gt;"); pos++; continue;
		case '"': sbuf_str(b, "&quot;"); pos++; continue;
		case '\'': sbuf_str(b, "&#39;"); pos++; continue;
		case '\t': sbuf_char(b, '\t'); pos++; continue;
		case '\n': sbuf_char(b, '\n'); pos++; continue;
		default: break;
		}
		q = pos;
		if (utext_decode(s, len, &q, &cp) != UTEXT_OK) {
			sbuf_str(b, "\xEF\xBF\xBD");
			pos++;
			continue;
		}
		if (utext_escaped(cp)) {
			utext_escape(cp, notation);
			sbuf_str(b, "&lt;");
			sbuf_add(b, notation + 1, strlen(notation) - 2);
			sbuf_str(b, "&gt;");
		} else {
			sbuf_add(b, s + pos, q - pos);
		}
		pos = q;
	}
}

void
collect_html_str(sbuf *b, const char *s)
{
	collect_html_esc(b, s, strlen(s));
}

void
collect_html_bdi(sbuf *b, const char *s)
{
	sbuf_str(b, "<bdi>");
	collect_html_esc(b, s, strlen(s));
	sbuf_str(b, "</bdi>");
}

/* One stylesheet for every page: readable on a phone (390 pixels) and on
 * a desk (1280), bars and the completeness grid in plain CSS. */
const char collect_css[] =
	"body{font-family:sans-serif;line-height:1.45;max-width:72em;"
	"margin:0 auto;padding:0 .75em;color:#222;overflow-wrap:anywhere}\n"
	"header{border-bottom:1px solid #999;padding:.5em 0}\n"
	"header p{margin:0;font-weight:bold}\n"
	"nav a{padding:0 .2em;white-space:nowrap}\n"
	"nav a[aria-current]{font-weight:bold;text-decoration:none;color:#222}\n"
	"h1{font-size:1.5em}h2{font-size:1.25em;margin-top:1.6em}"
	"h3{font-size:1.05em;margin:.2em 0}\n"
	".none,.skip{color:#666;font-style:italic}\n"
	".guide{color:#444;border-left:3px solid #ccc;padding-left:.6em}\n"
	".pager{display:flex;justify-content:space-between;gap:1em;"
	"flex-wrap:wrap}\n"
	".answers{display:grid;gap:.8em;"
	"grid-template-columns:repeat(auto-fill,minmax(min(100%,22em),1fr))}\n"
	".answer{border:1px solid #ccc;border-radius:4px;padding:.3em .6em;"
	"min-width:0}\n"
	".answer p{margin:.4em 0}\n"
	".tally{border-collapse:collapse;margin:.5em 0}\n"
	".tally td,.tally th{padding:.15em .4em;text-align:left;"
	"vertical-align:top}\n"
	".tally th{overflow-wrap:break-word}\n"
	".bar{display:inline-block;height:.8em;background:#4a7ab5;"
	"vertical-align:middle}\n"
	".barbox{width:8em;background:#e4e4e4;display:inline-block}\n"
	".scroll{overflow-x:auto;max-width:100%}\n"
	".grids{display:flex;flex-wrap:wrap;gap:1em 2em;align-items:flex-start}\n"
	".grid{border-collapse:collapse;font-size:.85em}\n"
	".grid caption{text-align:left;font-weight:bold;padding:.2em 0}\n"
	".grid th,.grid td{border:1px solid #ddd;padding:0;text-align:center;"
	"min-width:1.5em}\n"
	".grid th.c{text-align:left;padding:0 .3em;max-width:9em;"
	"font-weight:normal}\n"
	".grid a{display:block;text-decoration:none;color:inherit}\n"
	".grid .y{background:#cfe8cf}.grid .m{background:#f6d2d2}"
	".grid .n{background:#eee;color:#888}\n"
	"ul.cols{columns:16em}\n"
	"table.list{border-collapse:collapse}\n"
	"table.list td,table.list th{padding:.15em .5em;text-align:left;"
	"border-bottom:1px solid #eee}\n"
	/* What each country sent: what is missing stands out. */
	"table.list td.draft{background:#fcefc7}"
	"table.list td.rejected,table.list td.nothing{background:#f6d2d2}\n"
	".diff{white-space:pre-wrap}\n"
	"del{background:#fbd0d0;text-decoration:line-through}\n"
	"ins{background:#c8efc8;text-decoration:none}\n"
	"footer{border-top:1px solid #999;margin-top:3em;color:#666;"
	"font-size:.9em}\n";

void
collect_html_start(sbuf *b, const char *lang, const char *title,
		   const char *css_href)
{
	sbuf_str(b, "<!DOCTYPE html>\n<html lang=\"");
	collect_html_str(b, lang && *lang ? lang : "en");
	sbuf_str(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, "
		    "initial-scale=1\">\n<title>");
	collect_html_str(b, title);
	sbuf_str(b, "</title>\n");
	if (css_href) {
		sbuf_str(b, "<link rel=\"stylesheet\" href=\"");
		collect_html_str(b, css_href);
		sbuf_str(b, "\">\n");
	} else {
		sbuf_str(b, "<style>\n");
		sbuf_str(b, collect_css);
		sbuf_str(b, "</style>\n");
	}
	sbuf_str(b, "</head>\n<body>\n");
}

void
collect_html_end(sbuf *b)
{
	sbuf_str(b, "</body>\n</html>\n");
}
