/* fa-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fa-application"

#include "config.h"

#include <glib/gi18n.h>

#include "fa-application.h"
#include "fa-cli.h"
#include "fa-resources.h"
#include "fa-window.h"

struct _FaApplication
{
  AdwApplication parent_instance;

  char *dataset_path;   /* from the command line, nullable */
};

G_DEFINE_FINAL_TYPE (FaApplication, fa_application, ADW_TYPE_APPLICATION)

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Close windows properly so they save their state. */
  for (GList *l = windows; l != NULL;)
    {
      GList *next = l->next;

      gtk_window_close (l->data);
      l = next;
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The FlowAtlas developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("FlowAtlas"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Maps of forced displacement and of labour and sex trafficking, "
                                      "for anti-trafficking offices, NGOs and researchers."),
                        /* translators: put your name here */
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Base map"),
                                      _("Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com."),
                                      GTK_LICENSE_CUSTOM,
                                      _("Natural Earth data is in the public domain. Borders follow internationally "
                                        "recognized boundaries: Crimea and Sevastopol are part of Ukraine."));
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
fa_application_startup (GApplication *app)
{
  g_resources_register (fa_get_resource ());

  G_APPLICATION_CLASS (fa_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Primary>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         (const char *[]) { "<Primary>question", NULL });
  gtk_window_set_default_icon_name (APP_ID);
}

static void
fa_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      FaApplication *self = FA_APPLICATION (app);

      window = GTK_WINDOW (fa_window_new (self));
      if (self->dataset_path != NULL)
        {
          g_autoptr(GError) error = NULL;

          if (!fa_window_open_dataset (FA_WINDOW (window), self->dataset_path, &error))
            {
              GtkWidget *dialog = adw_message_dialog_new (window, _("Could Not Open the Dataset"), error->message);

              adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
              gtk_window_present (window);
              gtk_window_present (GTK_WINDOW (dialog));
              return;
            }
        }
    }

  gtk_window_present (window);
}

static void
fa_application_finalize (GObject *object)
{
  FaApplication *self = FA_APPLICATION (object);

  g_clear_pointer (&self->dataset_path, g_free);

  G_OBJECT_CLASS (fa_application_parent_class)->finalize (object);
}

static void
fa_application_class_init (FaApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = fa_application_finalize;

  app_class->startup = fa_application_startup;
  app_class->activate = fa_application_activate;
}

static void
fa_application_init (FaApplication *self)
{
}

FaApplication *
fa_application_new (void)
{
  return g_object_new (FA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/**
 * fa_application_main:
 *
 * Parses the command line.  Headless work (--export, --check, --list)
 * runs without a display; otherwise the window opens.  A bad command
 * line exits with status 2.
 *
 * Returns: the process exit status
 */
int
fa_application_main (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FaApplication) app = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_auto(GStrv) args = NULL;
  FaCliOptions options = { 0 };
  char *app_argv[2];
  int status;

  context = g_option_context_new (_("— maps of forced displacement and trafficking"));
  entries = fa_cli_get_option_entries (&options);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Without --export, --check or --list, the map window opens.\n"
      "Exit status: 0 on success, 1 when an input file or the output cannot be used,\n"
      "2 when the command line is wrong."));

  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("flowatlas: %s\n", error->message);
      g_printerr ("%s\n", _("Run “flowatlas --help” to see the options."));
      fa_cli_options_clear (&options);
      return FA_EXIT_USAGE;
    }

  if (fa_cli_is_headless (&options))
    {
      status = fa_cli_run (&options);
      fa_cli_options_clear (&options);
      return status;
    }

  app = fa_application_new ();
  if (options.remaining != NULL && options.remaining[0] != NULL)
    app->dataset_path = g_canonicalize_filename (options.remaining[0], NULL);
  fa_cli_options_clear (&options);

  app_argv[0] = argv[0];
  app_argv[1] = NULL;
  return g_application_run (G_APPLICATION (app), 1, app_argv);
}
