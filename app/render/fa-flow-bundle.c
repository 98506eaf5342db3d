/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-flow-bundle"

#include "config.h"

#include <glib/gi18n.h>

#include "fa-category.h"
#include "fa-flow-bundle.h"
#include "fa-flow.h"

/* The flows of one category between two clusters of places, drawn as one
 * arrow on a zoomed-out map.  Its figures are the members' added up, as
 * far as the source allows: a figure given for several routes together
 * (FaFlow:combined) counts once, a range adds its bounds, "at least"
 * leaves the sum open above, and flows without a figure are counted
 * apart.  Immutable. */
struct _FaFlowBundle
{
  GObject         parent_instance;

  FaPlaceCluster *from;        /* owned */
  FaPlaceCluster *to;          /* owned */
  FaCategory     *category;    /* owned, nullable */
  GPtrArray      *flows;       /* FaFlow, owned */
  gint64          low;         /* the sum of the lower (or exact) figures */
  gint64          high;        /* of the upper ones; -1: open above */
  guint           n_without;   /* members without any figure */
};

G_DEFINE_FINAL_TYPE (FaFlowBundle, fa_flow_bundle, G_TYPE_OBJECT)

static void
fa_flow_bundle_finalize (GObject *object)
{
  FaFlowBundle *self = FA_FLOW_BUNDLE (object);

  g_clear_object (&self->from);
  g_clear_object (&self->to);
  g_clear_object (&self->category);
  g_clear_pointer (&self->flows, g_ptr_array_unref);

  G_OBJECT_CLASS (fa_flow_bundle_parent_class)->finalize (object);
}

static void
fa_flow_bundle_class_init (FaFlowBundleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fa_flow_bundle_finalize;
}

static void
fa_flow_bundle_init (FaFlowBundle *self)
{
}

static gint64
add_saturating (gint64 a,
                gint64 b)
{
  return a > G_MAXINT64 - b ? G_MAXINT64 : a + b;
}

/**
 * fa_flow_bundle_new:
 * @category: (nullable): the members' category
 * @flows: (transfer container) (element-type FaFlow): the members, the
 *   array referencing them
 */
FaFlowBundle *
fa_flow_bundle_new (FaPlaceCluster *from,
                    FaPlaceCluster *to,
                    FaCategory     *category,
                    GPtrArray      *flows)
{
  FaFlowBundle *self;
  g_autoptr(GHashTable) statements = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (FA_IS_PLACE_CLUSTER (from) && FA_IS_PLACE_CLUSTER (to), NULL);
  g_return_val_if_fail (flows != NULL, NULL);

  self = g_object_new (FA_TYPE_FLOW_BUNDLE, NULL);
  self->from = g_object_ref (from);
  self->to = g_object_ref (to);
  self->category = category != NULL ? g_object_ref (category) : NULL;
  self->flows = flows;

  for (guint i = 0; i < flows->len; i++)
    {
      FaFlow *flow = g_ptr_array_index (flows, i);
      const char *combined = fa_flow_get_combined (flow);
      gint64 count = fa_flow_get_count (flow);
      gint64 low = fa_flow_get_count_low (flow);
      gint64 high = fa_flow_get_count_high (flow);

      if (count < 0 && low <= 0 && high <= 0)
        {
          self->n_without++;
          continue;
        }
      /* One statement for several routes: its figure once. */
      if (combined != NULL && !g_hash_table_add (statements, (gpointer) combined))
        continue;
      if (count >= 0)
        low = high = count;
      self->low = add_saturating (self->low, MAX (low, 0));
      if (self->high >= 0)
        self->high = high > 0 ? add_saturating (self->high, high) : -1;
    }
  if (self->n_without == flows->len)
    self->high = 0;

  return self;
}

/**
 * fa_flow_bundle_get_from:
 *
 * Returns: (transfer none): the cluster the flows leave
 */
FaPlaceCluster *
fa_flow_bundle_get_from (FaFlowBundle *self)
{
  g_return_val_if_fail (FA_IS_FLOW_BUNDLE (self), NULL);

  return self->from;
}

/**
 * fa_flow_bundle_get_to:
 *
 * Returns: (transfer none): the cluster the flows reach
 */
FaPlaceCluster *
fa_flow_bundle_get_to (FaFlowBundle *self)
{
  g_return_val_if_fail (FA_IS_FLOW_BUNDLE (self), NULL);

  return self->to;
}

/**
 * fa_flow_bundle_get_category:
 *
 * Returns: (transfer none) (nullable): the members' category
 */
FaCategory *
fa_flow_bundle_get_category (FaFlowBundle *self)
{
  g_return_val_if_fail (FA_IS_FLOW_BUNDLE (self), NULL);

  return self->category;
}

/**
 * fa_flow_bundle_get_flows:
 *
 * Returns: (transfer none) (element-type FaFlow): the members
 */
GPtrArray *
fa_flow_bundle_get_flows (FaFlowBundle *self)
{
  g_return_val_if_fail (FA_IS_FLOW_BUNDLE (self), NULL);

  return self->flows;
}

/**
 * fa_flow_bundle_get_low:
 *
 * Returns: the members' exact or lower figures added up (0 without any)
 */
gint64
fa_flow_bundle_get_low (FaFlowBundle *self)
{
  g_return_val_if_fail (FA_IS_FLOW_BUNDLE (self), 0);

  return self->low;
}

/**
 * fa_flow_bundle_get_high:
 *
 * Returns: the members' exact or upper figures added up; -1 when one of
 *   them has no upper figure ("at least 200")
 */
gint64
fa_flow_bundle_get_high (FaFlowBundle *self)
{
  g_return_val_if_fail (FA_IS_FLOW_BUNDLE (self), 0);

  return self->high;
}

guint
fa_flow_bundle_get_n_without_figure (FaFlowBundle *self)
{
  g_return_val_if_fail (FA_IS_FLOW_BUNDLE (self), 0);

  return self->n_without;
}

/**
 * fa_flow_bundle_get_bounds:
 *
 * The projected box of every place of both clusters: what a map shows
 * to open them.
 */
void
fa_flow_bundle_get_bounds (FaFlowBundle *self,
                           FaRect       *bounds)
{
  FaRect b;

  g_return_if_fail (FA_IS_FLOW_BUNDLE (self));

  fa_place_cluster_get_bounds (self->from, bounds);
  fa_place_cluster_get_bounds (self->to, &b);
  bounds->x1 = MIN (bounds->x1, b.x1);
  bounds->y1 = MIN (bounds->y1, b.y1);
  bounds->x2 = MAX (bounds->x2, b.x2);
  bounds->y2 = MAX (bounds->y2, b.y2);
}

/**
 * fa_flow_bundle_describe:
 *
 * Returns: (transfer full): what the arrow stands for, in a few lines,
 *   as its tooltip shows it
 */
char *
fa_flow_bundle_describe (FaFlowBundle *self)
{
  g_autofree char *from = NULL, *to = NULL, *low = NULL, *high = NULL, *people = NULL;
  GString *text;
  guint n;

  g_return_val_if_fail (FA_IS_FLOW_BUNDLE (self), NULL);

  from = fa_place_cluster_dup_name (self->from);
  to = fa_place_cluster_dup_name (self->to);
  n = self->flows->len;
  text = g_string_new (NULL);
  /* translators: an arrow that stands for several flows on a zoomed-out map: 1: where they leave, 2: where they arrive */
  g_string_append_printf (text, _("%s → %s"), from, to);
  if (self->category != NULL)
    g_string_append_printf (text, "\n%s", fa_category_get_label (self->category));

  low = fa_count_format (self->low);
  if (self->n_without == n)
    people = g_strdup (_("No figure in the source"));
  else if (self->high < 0)
    /* translators: the people of several flows added up, one of which has no upper figure ("at least 200") */
    people = g_strdup_printf (_("at least %s people"), low);
  else if (self->high > self->low)
    {
      high = fa_count_format (self->high);
      /* translators: the people of several flows added up, from their lower to their upper figures */
      people = g_strdup_printf (_("%s to %s people"), low, high);
    }
  else
    people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s person", "%s people", self->low), low);

  /* translators: 1: how many flows an arrow stands for, 2: their people added up ("3,400 people") */
  g_string_append_c (text, '\n');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u flow, %s", "%u flows, %s", n), n, people);
  if (self->n_without > 0 && self->n_without < n)
    {
      g_string_append_c (text, '\n');
      /* translators: after "14 flows, 3,400 people": how many of those flows the sum leaves out */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u of them gives no figure",
                                                 "%u of them give no figure", self->n_without),
                              self->n_without);
    }
  g_string_append_printf (text, "\n%s", _("Zoom in or click to see each place"));

  return g_string_free (text, FALSE);
}
