/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "fa-application.h"
#include "fa-cli.h"

/* Headless work (--export, --check, --list, --version) runs here, before
 * the application registers or opens a display; anything else goes on to
 * the window, in this process or in the one already running. */
static int
on_handle_local_options_cb (GApplication *app,
                            GVariantDict *dict,
                            FaCliOptions *options)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  if (fa_cli_is_headless (options))
    return fa_cli_run (options);

  if (options->remaining == NULL || options->remaining[0] == NULL)
    return -1;

  /* Folders, dataset files and shapefiles named on the command line are
   * opened by the instance that shows the window. */
  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("flowatlas: %s\n", error->message);
      return FA_EXIT_FAILED;
    }
  files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; options->remaining[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (options->remaining[i]));
  g_application_open (app, (GFile **) files->pdata, files->len, "");

  /* A second instance has handed its files over: it is done. */
  return g_application_get_is_remote (app) ? FA_EXIT_OK : -1;
}

/* GApplication exits with 1 on a command line it cannot parse; ours
 * promises 2 for that, with a hint.  Parse once beforehand to tell. */
static gboolean
check_command_line (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autofree GOptionEntry *entries = NULL;
  g_auto(GStrv) args = NULL;
  g_autoptr(GError) error = NULL;
  FaCliOptions scratch = { 0 };
  gboolean ok;

  entries = fa_cli_get_option_entries (&scratch);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_ignore_unknown_options (context, FALSE);
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  /* GApplication's own options (--help, --gapplication-service) pass. */
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (args[i], "--help") || g_str_equal (args[i], "-h") || g_str_equal (args[i], "-?") ||
        g_str_has_prefix (args[i], "--gapplication-"))
      {
        fa_cli_options_clear (&scratch);
        return TRUE;
      }
  ok = g_option_context_parse_strv (context, &args, &error);
  fa_cli_options_clear (&scratch);
  if (!ok && error->domain == G_CONVERT_ERROR)
    {
      /* GOption's message names no option: find the argument that is
       * not text in the system's encoding, and name its option. */
      for (int i = 1; i < argc; i++)
        if (!g_utf8_validate (argv[i], -1, NULL))
          {
            g_autofree char *option = NULL;
            const char *eq = strchr (argv[i], '=');

            if (g_str_has_prefix (argv[i], "-") && eq != NULL)
              option = g_strndup (argv[i], eq - argv[i]);
            else if (i > 1 && g_str_has_prefix (argv[i - 1], "-"))
              option = g_strdup (argv[i - 1]);
            if (option != NULL && g_utf8_validate (option, -1, NULL))
              {
                g_clear_error (&error);
                /* translators: %s is an option, such as --projection */
                g_set_error (&error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                             _("%s: the value is not valid UTF-8 text"), option);
              }
            break;
          }
    }
  if (!ok)
    {
      g_printerr ("flowatlas: %s\n", error->message);
      g_printerr ("%s\n", _("Run “flowatlas --help” to see the options."));
    }
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FaApplication) app = NULL;
  g_autofree GOptionEntry *entries = NULL;
  FaCliOptions options = { 0 };
  int status;

  setlocale (LC_ALL, "");
  /* Uninstalled, `meson devenv` points this at the build's catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("FLOWATLAS_LOCALEDIR") != NULL ? g_getenv ("FLOWATLAS_LOCALEDIR")
                                                                           : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* --lang before anything is translated: GLib decides once per process,
   * at its first message, whether to translate at all. */
  for (int i = 1; i < argc && g_strcmp0 (argv[i], "--") != 0; i++)
    {
      const char *lang = NULL;

      if (g_str_has_prefix (argv[i], "--lang="))
        lang = argv[i] + strlen ("--lang=");
      else if (g_str_equal (argv[i], "--lang") && i + 1 < argc)
        lang = argv[i + 1];
      if (lang != NULL)
        fa_cli_set_language (lang);
    }

  if (!check_command_line (argc, argv))
    return FA_EXIT_USAGE;

  app = fa_application_new ();
  entries = fa_cli_get_option_entries (&options);
  g_application_add_main_option_entries (G_APPLICATION (app), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (app),
                                                     _("[DATASET|FILE…] — maps of forced displacement and trafficking"));
  g_application_set_option_context_description (G_APPLICATION (app),
    _("Without --export, --check or --list, the map window opens, showing DATASET (a folder)\n"
      "or the folders, dataset files and shapefiles given.\n"
      "Exit status: 0 on success, 1 when an input file or the output cannot be used,\n"
      "2 when the command line is wrong."));
  g_signal_connect (app, "handle-local-options", G_CALLBACK (on_handle_local_options_cb), &options);

  status = g_application_run (G_APPLICATION (app), argc, argv);
  fa_cli_options_clear (&options);
  return status;
}
