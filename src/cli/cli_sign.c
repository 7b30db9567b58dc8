/* `actionplan key new|show`, `actionplan sign PLAN` and `actionplan verify
 * PLAN`: the command line of signed plans (src/sign does the work). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "loadplan.h"
#include "planio.h"
#include "session.h"
#include "sig_keys.h"
#include "sig_plan.h"
#include "store.h"
#include "ydoc.h"

/* The exit status for problems in diags: locked, I/O, or other. */
static int
status_of(const diag_list *d)
{
	if (store_lock_busy(d))
		return CLI_LOCKED;
	return cli_diags_io(d) ? CLI_IO : CLI_PROBLEMS;
}

/* --passphrase-fd's argument: a descriptor number. */
static bool
parse_fd(const char *s, int *fd)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > 1024 * 1024)
		return false;
	*fd = (int)v;
	return true;
}

static int
key_new(int argc, char **argv)
{
	static const struct option opts[] = {
		{"no-passphrase", no_argument, NULL, 'n'},
		{"passphrase-fd", required_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	diag_list d = DIAG_LIST_INIT;
	sig_pass *pass = NULL, *again = NULL;
	sig_seckey *k = NULL;
	bool encrypt = true;
	int c, fd = -1, status = CLI_PROBLEMS;
	char *dir = NULL, *pub = NULL, *sec = NULL;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': encrypt = false; break;
		case 'p':
			if (!parse_fd(optarg, &fd))
				return cli_usage_error(
					_("--passphrase-fd takes a file "
					  "descriptor number"));
			break;
		case 'h':
			printf("%s", _("Usage: actionplan key new "
				       "[--no-passphrase] [--passphrase-fd N]\n"));
			return CLI_OK;
		default: return cli_usage_error(NULL);
		}
	}
	if (optind != argc)
		return cli_usage_error(_("key new takes no file"));
	if (!sig_init(&d) || (dir = sig_keys_dir(&d)) == NULL)
		goto out;
	if (sig_keys_exist(dir)) {
		fprintf(stderr,
			_("actionplan: a secret key is already in %s: it is "
			  "never replaced; move it away first to make a new "
			  "one\n"),
			dir);
		goto out;
	}
	if (encrypt) {
		pass = sig_pass_create();
		again = sig_pass_create();
		if (pass == NULL || again == NULL) {
			diag_add_errno(&d, NULL, ENOMEM, "%s",
				       _("out of memory"));
			goto out;
		}
		if (!cli_read_pass(fd, _("New passphrase for the secret key: "),
				   pass))
			goto out;
		if (pass->len == 0) {
			fprintf(stderr, "actionplan: %s\n",
				_("an empty passphrase protects nothing; use "
				  "--no-passphrase to keep the key unencrypted"));
			goto out;
		}
		if (fd < 0 &&
		    (!cli_read_pass(fd, _("The same passphrase again: "),
				    again) ||
		     again->len != pass->len ||
		     memcmp(again->s, pass->s, pass->len) != 0)) {
			fprintf(stderr, "actionplan: %s\n",
				_("the passphrases differ; nothing was written"));
			goto out;
		}
	}
	k = sig_seckey_generate();
	if (k == NULL) {
		diag_add_errno(&d, NULL, ENOMEM, "%s", _("out of memory"));
		goto out;
	}
	if (!sig_keys_create(dir, k, pass, &d)) {
		status = status_of(&d);
		goto out;
	}
	pub = sig_keys_path(dir, false);
	sec = sig_keys_path(dir, true);
	{
		sig_pubkey pk = {.comment = NULL};
		char id[SIG_ID_HEX], *text = NULL;

		if (pub && sig_seckey_public(k, &pk))
			text = sig_pubkey_format(&pk, NULL, NULL);
		sig_id_hex(pk.id, id);
		printf(_("New key pair, key id %s:\n"
			 "  secret key %s (%s): keep it to yourself\n"
			 "  public key %s: hand it to your coordinator\n\n"),
		       id, sec ? sec : "",
		       encrypt ? _("encrypted with your passphrase")
			       : _("NOT encrypted"),
		       pub ? pub : "");
		fputs(text ? text : "", stdout);
		free(text);
		sig_pubkey_free(&pk);
	}
	status = CLI_OK;
out:
	cli_print_diags(&d);
	diag_list_free(&d);
	sig_pass_destroy(pass);
	sig_pass_destroy(again);
	sig_seckey_destroy(k);
	free(dir);
	free(pub);
	free(sec);
	return status;
}

static int
key_show(int argc, char **argv)
{
	diag_list d = DIAG_LIST_INIT;
	sig_pubkey pk = {.comment = NULL};
	char *dir = NULL, *pub = NULL, *text = NULL;
	int status = CLI_PROBLEMS;

	if (argc > 1)
		return cli_usage_error(_("key show takes no file"));
	if (!sig_init(&d) || (dir = sig_keys_dir(&d)) == NULL ||
	    (pub = sig_keys_path(dir, false)) == NULL)
		goto out;
	if (!sig_pubkey_load(pub, &pk, &d)) {
		if (d.n > 0 && d.v[0].sys_errno == ENOENT) {
			diag_list_clear(&d);
			fprintf(stderr,
				_("actionplan: no key in %s yet: make one with "
				  "'actionplan key new'\n"),
				dir);
		} else {
			status = status_of(&d);
		}
		goto out;
	}
	/* Written anew: the file's own comment is not shown raw. */
	text = sig_pubkey_format(&pk, NULL, NULL);
	fputs(text ? text : "", stdout);
	status = text ? CLI_OK : CLI_PROBLEMS;
out:
	cli_print_diags(&d);
	diag_list_free(&d);
	sig_pubkey_free(&pk);
	free(text);
	free(pub);
	free(dir);
	return status;
}

int
cli_key(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		printf("%s", _("Usage: actionplan key new [--no-passphrase] "
			       "[--passphrase-fd N]\n"
			       "       actionplan key show\n"));
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	if (!strcmp(argv[1], "new"))
		return key_new(argc - 1, argv + 1);
	if (!strcmp(argv[1], "show"))
		return key_show(argc - 1, argv + 1);
	return cli_usage_error(_("key takes 'new' or 'show'"));
}

int
cli_load_secret(const char *path, int pass_fd, sig_seckey **out)
{
	diag_list d = DIAG_LIST_INIT;
	sig_pass *pass = NULL;
	sig_seckey *k = NULL;
	char *dir = NULL, *own = NULL, prompt[512];
	int status = CLI_PROBLEMS;

	*out = NULL;
	if (!sig_init(&d))
		goto out;
	if (path == NULL) {
		if ((dir = sig_keys_dir(&d)) == NULL ||
		    (path = own = sig_keys_path(dir, true)) == NULL)
			goto out;
		if (!sig_keys_exist(dir)) {
			fprintf(stderr,
				_("actionplan: no key in %s yet: make one with "
				  "'actionplan key new', or give a minisign "
				  "secret key with -s FILE\n"),
				dir);
			goto out;
		}
	}
	k = sig_keys_load_secret(dir, path, &d);
	if (k == NULL) {
		status = status_of(&d);
		goto out;
	}
	if (sig_seckey_locked(k)) {
		snprintf(prompt, sizeof(prompt),
			 _("Passphrase of the secret key %s: "), path);
		pass = sig_pass_create();
		if (pass == NULL || !cli_read_pass(pass_fd, prompt, pass))
			goto out;
		if (!sig_seckey_unlock(k, path, pass, &d))
			goto out;
	}
	*out = k;
	k = NULL;
	status = CLI_OK;
out:
	cli_print_diags(&d);
	diag_list_free(&d);
	sig_pass_destroy(pass);
	sig_seckey_destroy(k);
	free(own);
	free(dir);
	return status;
}

/* Options shared by sign and export --sign: -s FILE, --passphrase-fd N.
 * True when c was one of them (false and *status set on a bad value). */
bool
cli_sign_option(int c, const char *arg, const char **key, int *pass_fd,
		int *status)
{
	if (c == 's') {
		*key = arg;
		return true;
	}
	if (c == 'P') {
		if (!parse_fd(arg, pass_fd))
			*status = cli_usage_error(
				_("--passphrase-fd takes a file descriptor "
				  "number"));
		return true;
	}
	return false;
}

int
cli_sign(int argc, char **argv)
{
	static const struct option opts[] = {
		{"secret-key", required_argument, NULL, 's'},
		{"passphrase-fd", required_argument, NULL, 'P'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	diag_list d = DIAG_LIST_INIT;
	const char *key = NULL;
	sig_seckey *k = NULL;
	int c, fd = -1, status = CLI_OK;

	while ((c = getopt_long(argc, argv, "s:h", opts, NULL)) != -1) {
		if (cli_sign_option(c, optarg, &key, &fd, &status)) {
			if (status != CLI_OK)
				return status;
			continue;
		}
		if (c == 'h') {
			printf("%s", _("Usage: actionplan sign PLAN.yaml "
				       "[-s SECRET-KEY] [--passphrase-fd N]\n"
				       "Writes PLAN.yaml.minisig; the plan "
				       "file itself is only read.\n"));
			return CLI_OK;
		}
		return cli_usage_error(NULL);
	}
	if (optind != argc - 1)
		return cli_usage_error(_("sign takes one plan FILE"));
	status = cli_load_secret(key, fd, &k);
	if (status != CLI_OK)
		goto out;
	if (!sig_plan_sign_file(argv[optind], k, &d)) {
		status = status_of(&d);
		goto out;
	}
	printf(_("Signed: %s%s\n"), argv[optind], SIG_SUFFIX);
out:
	cli_print_diags(&d);
	diag_list_free(&d);
	sig_seckey_destroy(k);
	return status;
}

int
cli_write_signed(const char *out, const char *buf, size_t len,
		 const sig_seckey *k)
{
	diag_list d = DIAG_LIST_INIT;
	char *dir = store_dir_of(out);
	store_lock *lock = NULL;
	int status = CLI_OK;

	/* As store_write_locked: never into a folder other users can
	 * change, never past another editor's lock; the signature is
	 * written under the same lock. */
	if (dir == NULL)
		diag_add_errno(&d, NULL, ENOMEM, _("cannot write %s"), out);
	else if (store_folder_safe(dir, &d))
		lock = store_lock_acquire(out, &d);
	free(dir);
	if (lock == NULL || !store_write_atomic(out, buf, len, &d) ||
	    !sig_plan_sign_bytes(out, buf, len, k, &d))
		status = status_of(&d);
	store_lock_release(lock);
	cli_print_diags(&d);
	diag_list_free(&d);
	return status;
}

/* What the plan says about itself, for the check: its questionnaire's
 * country role when the questionnaire is there, else details.country. */
static bool
plan_info(const char *path, const char *data, size_t len,
	  planio_header *h, char **country, diag_list *d)
{
	yd_node *root = yd_parse_buffer(path, data, len, NULL, d);
	diag_list ignored = DIAG_LIST_INIT;
	qn *q = NULL;
	plan *p = NULL;
	bool ok = root && planio_read_header(path, root, h, d);

	if (ok) {
		p = loadplan_tree(path, root, session_qn_dirs(), &q, &ignored);
		*country = strdup(p && plan_country(p) ? plan_country(p)
				  : h->country ? h->country : "");
		ok = *country != NULL;
	}
	plan_destroy(p);
	qn_destroy(q);
	yd_free(root);
	diag_list_free(&ignored);
	return ok;
}

/* Prints what the check found; returns the exit status. */
static int
report(const char *path, const sig_result *r, const diag_list *d)
{
	cli_print_diags(d);
	switch (r->status) {
	case SIG_GOOD:
		printf(_("%s: good signature by key %s (%s)\n"), path, r->id,
		       r->key->file);
		printf(_("trusted comment: %s\n"), r->trusted);
		return CLI_OK;
	case SIG_UNSIGNED:
		fprintf(stderr, _("actionplan: %s is not signed (no %s%s)\n"),
			path, path, SIG_SUFFIX);
		return CLI_UNSIGNED;
	case SIG_UNTRUSTED:
		fprintf(stderr,
			_("actionplan: %s: signed by a key that is not trusted "
			  "for its country\n"),
			path);
		return CLI_UNTRUSTED;
	case SIG_BAD:
	case SIG_UNCHECKED:
		break;
	}
	fprintf(stderr, _("actionplan: %s: bad signature\n"), path);
	return CLI_PROBLEMS;
}

int
cli_verify(int argc, char **argv)
{
	static const struct option opts[] = {
		{"key", required_argument, NULL, 'k'},
		{"keys", required_argument, NULL, 'K'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	diag_list d = DIAG_LIST_INIT, plan_d = DIAG_LIST_INIT;
	sig_ring ring = SIG_RING_INIT;
	sig_result r = {.trusted = NULL};
	bool broken;
	planio_header h = {0};
	const char *key = NULL, *keys = NULL;
	char *data = NULL, *country = NULL, *dir = NULL, *own = NULL;
	size_t len = 0;
	int c, status = CLI_PROBLEMS;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'k': key = optarg; break;
		case 'K': keys = optarg; break;
		case 'h':
			printf("%s", _("Usage: actionplan verify PLAN.yaml "
				       "[--key PUBLIC-KEY | --keys DIR]\n"));
			return CLI_OK;
		default: return cli_usage_error(NULL);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(_("verify takes one plan FILE"));
	if (key && keys)
		return cli_usage_error(_("give --key or --keys, not both"));
	if (!sig_init(&d))
		goto out;
	if (keys == NULL && key == NULL) {
		/* Without keys: the signer's own public key. */
		if ((dir = sig_keys_dir(&d)) == NULL ||
		    (key = own = sig_keys_path(dir, false)) == NULL)
			goto out;
	}
	if (keys ? !sig_ring_load_dir(&ring, keys, &d)
		 : !sig_ring_add_any(&ring, key, &d)) {
		status = status_of(&d);
		goto out;
	}
	data = store_read_file(argv[optind], yd_default_limits.max_bytes, &len,
			       &d);
	if (data == NULL) {
		status = status_of(&d);
		goto out;
	}
	/* A file that is not a plan (any more) is still checked: the
	 * signature then says whether it was changed. */
	broken = !plan_info(argv[optind], data, len, &h, &country, &plan_d);
	sig_plan_check(argv[optind], data, len, NULL,
		       broken ? NULL
			      : &(sig_plan_info){h.qn_id, h.qn_version,
						 h.revision, country},
		       &ring, &r, &d);
	status = report(argv[optind], &r, &d);
	diag_list_clear(&d);
	if (broken) {
		cli_print_diags(&plan_d);
		fprintf(stderr, _("actionplan: %s is not a plan file\n"),
			argv[optind]);
		if (status == CLI_OK)
			status = CLI_PROBLEMS;
	}
out:
	cli_print_diags(&d);
	diag_list_free(&d);
	diag_list_free(&plan_d);
	sig_result_free(&r);
	sig_ring_free(&ring);
	planio_header_free(&h);
	free(data);
	free(country);
	free(own);
	free(dir);
	return status;
}
