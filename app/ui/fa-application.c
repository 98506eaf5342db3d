/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-application"

#include "config.h"

#include <glib/gi18n.h>

#include "fa-application.h"
#include "fa-resources.h"
#include "fa-window.h"

struct _FaApplication
{
  AdwApplication parent_instance;
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
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Country names"),
                                      _("Names of countries in each language from the Unicode Common Locale Data "
                                        "Repository (CLDR), through ICU. © Unicode, Inc."),
                                      GTK_LICENSE_CUSTOM,
                                      _("Distributed under the Unicode License v3 (unicode.org/license.txt)."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Region names"),
                                      _("Names of regions in each language from the iso-codes project’s "
                                        "ISO 3166-2 translations."),
                                      GTK_LICENSE_LGPL_2_1,
                                      NULL);
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

static FaWindow *
ensure_window (FaApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (fa_window_new (self));
  return FA_WINDOW (window);
}

static void
fa_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (ensure_window (FA_APPLICATION (app))));
}

/* Folders and dataset files open as the dataset; shapefiles are added as
 * layers; a second `flowatlas FILE` lands here in the running instance. */
static void
fa_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  FaWindow *window = ensure_window (FA_APPLICATION (app));

  for (int i = 0; i < n_files; i++)
    fa_window_open_file (window, files[i]);
  gtk_window_present (GTK_WINDOW (window));
}

static void
fa_application_class_init (FaApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);


  app_class->startup = fa_application_startup;
  app_class->activate = fa_application_activate;
  app_class->open = fa_application_open;
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
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

