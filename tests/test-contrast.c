/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-contrast"

#include "config.h"

#include <math.h>

#include "fa-autocleanups.h"
#include "fa-category.h"
#include "fa-dataset.h"
#include "fa-geodata.h"
#include "fa-map-style.h"

/* Every text the map writes meets WCAG's 4.5:1 against what it stands
 * on, in the light, dark and print styles, computed from the colours the
 * renderer draws with: names on their halos over sea, land and the
 * report's countries; the legend's text and its dimmer details on the
 * legend's panel over the same; event callouts; each arrow's magnitude in
 * its arrow's colour deepened (fa_map_style_text_color()) for every
 * category of the bundled dataset. */

#define WCAG_AA_TEXT 4.5

static const FaMapStyleKind kinds[] = { FA_MAP_STYLE_LIGHT, FA_MAP_STYLE_DARK, FA_MAP_STYLE_PRINT,
                                        FA_MAP_STYLE_HIGH_CONTRAST, FA_MAP_STYLE_HIGH_CONTRAST_DARK };
static const char * const kind_names[] = { "light", "dark", "print", "high contrast", "high contrast, dark" };

static double
worst_contrast (const FaColor *text,
                const FaColor  backgrounds[3])
{
  double worst = 21;

  for (guint i = 0; i < 3; i++)
    worst = MIN (worst, fa_color_contrast (text, &backgrounds[i]));
  return worst;
}

/* 4.5:1 (WCAG AA); 7:1 (AAA) in the high-contrast styles. */
static double
required (FaMapStyleKind kind)
{
  return kind == FA_MAP_STYLE_HIGH_CONTRAST || kind == FA_MAP_STYLE_HIGH_CONTRAST_DARK ? 7.0 : WCAG_AA_TEXT;
}

static void
assert_readable (guint          k,
                 const char    *what,
                 const FaColor *text,
                 const FaColor  backgrounds[3])
{
  double worst = worst_contrast (text, backgrounds);

  g_test_message ("%s, %s: %.2f:1", kind_names[k], what, worst);
  if (worst < required (kinds[k]))
    g_error ("%s style: %s has a contrast of %.2f:1, less than %.1f:1", kind_names[k], what, worst,
             required (kinds[k]));
}

static void
test_ratio (void)
{
  FaColor black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 }, grey = { 0x77 / 255.0, 0x77 / 255.0, 0x77 / 255.0, 1 };

  /* The extremes, and WCAG's own example: #777 on white is 4.48:1. */
  g_assert_cmpfloat_with_epsilon (fa_color_contrast (&black, &white), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (fa_color_contrast (&white, &white), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (fa_color_contrast (&grey, &white), 4.48, 0.01);
}

static void
test_map_text (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      const FaMapStyle *style = fa_map_style_get (kinds[k]);
      FaColor on_map[3], on_legend[3];
      const FaColor *under[] = { &style->ocean, &style->land, &style->land_focus };
      FaColor detail;

      fa_map_style_get_text_backgrounds (style, on_map);
      for (guint i = 0; i < 3; i++)
        on_legend[i] = fa_color_over (&style->legend_bg, under[i]);

      assert_readable (k, "a place or country name", &style->label, on_map);
      assert_readable (k, "a region's name", &style->label_minor, on_map);
      assert_readable (k, "the legend's text", &style->legend_fg, on_legend);
      /* Details and the date line are the legend's colour at 70–75 %. */
      detail = style->legend_fg;
      detail.alpha = 0.7;
      for (guint i = 0; i < 3; i++)
        {
          FaColor dim = fa_color_over (&detail, &on_legend[i]);

          if (fa_color_contrast (&dim, &on_legend[i]) < required (kinds[k]))
            g_error ("%s style: the legend's details have a contrast of %.2f:1", kind_names[k],
                     fa_color_contrast (&dim, &on_legend[i]));
        }
      /* An event's callout: the legend's colours in a box. */
      assert_readable (k, "an event callout", &style->legend_fg, on_legend);
    }
}

/* The bundled dataset, whose category colours the arrows take. */
static FaDataset *
load_bundled (FaGeodata **geodata)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("FLOWATLAS_GEODATA"), "datasets", "tip-2024-russia", NULL);
  FaDataset *dataset;

  *geodata = fa_geodata_new (g_getenv ("FLOWATLAS_GEODATA"), &error);
  g_assert_no_error (error);
  dataset = fa_dataset_new_from_directory (path, *geodata, &error);
  g_assert_no_error (error);
  return dataset;
}

static void
test_arrow_labels (void)
{
  g_autoptr(FaGeodata) geodata = NULL;
  g_autoptr(FaDataset) dataset = load_bundled (&geodata);
  GListModel *categories = fa_dataset_get_categories (dataset);
  g_assert_cmpuint (g_list_model_get_n_items (categories), >, 10);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      const FaMapStyle *style = fa_map_style_get (kinds[k]);
      FaColor on_map[3];
      double worst = 21;
      const char *worst_id = NULL;

      fa_map_style_get_text_backgrounds (style, on_map);
      for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
        {
          g_autoptr(FaCategory) category = g_list_model_get_item (categories, i);
          guint32 rgb = fa_category_get_color (category);
          FaColor hue = { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0, 1 };
          FaColor text = fa_map_style_text_color (style, &hue);
          double contrast = worst_contrast (&text, on_map);

          if (contrast < worst)
            {
              worst = contrast;
              worst_id = fa_category_get_id (category);
            }
        }
      g_test_message ("%s, arrow labels: worst %.2f:1 (%s)", kind_names[k], worst, worst_id);
      g_assert_cmpfloat (worst, >=, required (kinds[k]));
      g_assert_cmpfloat (required (kinds[k]), ==, fa_map_style_get_text_contrast (style));
    }
}

/* WCAG 1.4.11: every arrow stands out from what it is drawn over at 3:1
 * — its colour, or the edge the renderer gives a colour that does not
 * (fa_map_style_edge_color()) — on the land, the sea and the report's
 * countries, in every style.  A colour that has 3:1 keeps no edge. */
static void
test_arrow_edges (void)
{
  g_autoptr(FaGeodata) geodata = NULL;
  g_autoptr(FaDataset) dataset = load_bundled (&geodata);
  GListModel *categories = fa_dataset_get_categories (dataset);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      const FaMapStyle *style = fa_map_style_get (kinds[k]);
      const FaColor *under[] = { &style->ocean, &style->land, &style->land_focus };
      guint n_edged = 0;

      for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
        {
          g_autoptr(FaCategory) category = g_list_model_get_item (categories, i);
          guint32 rgb = fa_category_get_color (category);
          FaColor hue = { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0, 1 };
          FaColor edge = fa_map_style_edge_color (style, &hue);
          gboolean same = edge.red == hue.red && edge.green == hue.green && edge.blue == hue.blue;
          double hue_worst = 21, edge_worst = 21;

          for (guint u = 0; u < G_N_ELEMENTS (under); u++)
            {
              hue_worst = MIN (hue_worst, fa_color_contrast (&hue, under[u]));
              edge_worst = MIN (edge_worst, fa_color_contrast (&edge, under[u]));
            }
          if (edge_worst < 3.0)
            g_error ("%s style: %s arrows stand out at only %.2f:1", kind_names[k],
                     fa_category_get_id (category), edge_worst);
          g_assert_true (same == (hue_worst >= 3.0));
          n_edged += !same;
        }
      g_test_message ("%s: %u of %u category colours get an edge", kind_names[k], n_edged,
                      g_list_model_get_n_items (categories));
    }
}

/* Colour-vision deficiency: the categories a preset shows together stay
 * apart for people with protanopia or deuteranopia.  Each colour is
 * simulated (Machado, Oliveira & Fernandes 2009, severity 1, on linear
 * sRGB), then compared in CIE L*a*b* (ΔE*76): above 10, two colours are
 * told apart at a glance.  Colour is never the only cue (the legend
 * labels every category; the table lists them), but it should not mislead. */
static const double machado[2][3][3] = {
  { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } },
  { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } },
};
static const char * const deficiency_names[] = { "protanopia", "deuteranopia" };

static double
srgb_to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
lab_f (double t)
{
  return t > 0.008856 ? cbrt (t) : 7.787 * t + 16.0 / 116.0;
}

static void
simulate_lab (guint32 rgb,
              int     deficiency,
              double  lab[3])
{
  double l[3] = { srgb_to_linear (((rgb >> 16) & 0xff) / 255.0), srgb_to_linear (((rgb >> 8) & 0xff) / 255.0),
                  srgb_to_linear ((rgb & 0xff) / 255.0) };
  double s[3];
  double x, y, z;

  for (int i = 0; i < 3; i++)
    s[i] = CLAMP (machado[deficiency][i][0] * l[0] + machado[deficiency][i][1] * l[1] +
                  machado[deficiency][i][2] * l[2], 0.0, 1.0);
  x = (0.4124 * s[0] + 0.3576 * s[1] + 0.1805 * s[2]) / 0.95047;
  y = 0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2];
  z = (0.0193 * s[0] + 0.1192 * s[1] + 0.9505 * s[2]) / 1.08883;
  lab[0] = 116 * lab_f (y) - 16;
  lab[1] = 500 * (lab_f (x) - lab_f (y));
  lab[2] = 200 * (lab_f (y) - lab_f (z));
}

static void
test_colour_blindness (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FaGeodata) geodata = fa_geodata_new (g_getenv ("FLOWATLAS_GEODATA"), &error);
  g_autofree char *path = g_build_filename (g_getenv ("FLOWATLAS_GEODATA"), "datasets", "tip-2024-russia", NULL);
  g_autoptr(FaDataset) dataset = fa_dataset_new_from_directory (path, geodata, &error);
  GListModel *categories;
  guint n;

  g_assert_no_error (error);
  categories = fa_dataset_get_categories (dataset);
  n = g_list_model_get_n_items (categories);

  for (int d = 0; d < 2; d++)
    {
      double worst = 1000;
      const char *worst_a = NULL, *worst_b = NULL;

      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          {
            g_autoptr(FaCategory) a = g_list_model_get_item (categories, i);
            g_autoptr(FaCategory) b = g_list_model_get_item (categories, j);
            double la[3], lb[3], delta;

            /* Only categories shown together, by the same preset's group. */
            if (g_strcmp0 (fa_category_get_group (a), fa_category_get_group (b)) != 0)
              continue;
            simulate_lab (fa_category_get_color (a), d, la);
            simulate_lab (fa_category_get_color (b), d, lb);
            delta = sqrt ((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1]) +
                          (la[2] - lb[2]) * (la[2] - lb[2]));
            if (delta < worst)
              {
                worst = delta;
                worst_a = fa_category_get_id (a);
                worst_b = fa_category_get_id (b);
              }
          }
      g_test_message ("%s: the closest categories of one group are %s and %s, delta E %.1f",
                      deficiency_names[d], worst_a, worst_b, worst);
      g_assert_cmpfloat (worst, >, 10.0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fa/contrast/ratio", test_ratio);
  g_test_add_func ("/fa/contrast/map-text", test_map_text);
  g_test_add_func ("/fa/contrast/arrow-labels", test_arrow_labels);
  g_test_add_func ("/fa/contrast/arrow-edges", test_arrow_edges);
  g_test_add_func ("/fa/contrast/colour-blindness", test_colour_blindness);

  return g_test_run ();
}
