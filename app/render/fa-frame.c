/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-frame"

#include "config.h"

#include "fa-frame.h"

typedef struct
{
  gpointer       data;
  GDestroyNotify destroy;
} Slot;

struct _FaFrame
{
  gint        ref_count;
  GHashTable *slots;   /* layer → Slot */
};

G_DEFINE_BOXED_TYPE (FaFrame, fa_frame, fa_frame_ref, fa_frame_unref)

static void
slot_free (Slot *slot)
{
  if (slot->destroy != NULL)
    slot->destroy (slot->data);
  g_free (slot);
}

/**
 * fa_frame_new:
 *
 * Returns: (transfer full): an empty frame, to pass in a render context
 */
FaFrame *
fa_frame_new (void)
{
  FaFrame *frame = g_new0 (FaFrame, 1);

  frame->ref_count = 1;
  frame->slots = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) slot_free);

  return frame;
}

FaFrame *
fa_frame_ref (FaFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);

  g_atomic_int_inc (&frame->ref_count);
  return frame;
}

void
fa_frame_unref (FaFrame *frame)
{
  g_return_if_fail (frame != NULL);

  if (g_atomic_int_dec_and_test (&frame->ref_count))
    {
      g_hash_table_unref (frame->slots);
      g_free (frame);
    }
}

/**
 * fa_frame_set_layer_data:
 * @layer: the layer the data is about, as a key
 * @data: (transfer full): what @layer placed in this drawing
 *
 * Called by a layer while it draws; replaces what it recorded before.
 */
void
fa_frame_set_layer_data (FaFrame        *frame,
                         gconstpointer   layer,
                         gpointer        data,
                         GDestroyNotify  destroy)
{
  Slot *slot;

  g_return_if_fail (frame != NULL);

  slot = g_new0 (Slot, 1);
  slot->data = data;
  slot->destroy = destroy;
  g_hash_table_replace (frame->slots, (gpointer) layer, slot);
}

/**
 * fa_frame_get_layer_data:
 *
 * Returns: (transfer none) (nullable): what @layer recorded
 */
gpointer
fa_frame_get_layer_data (const FaFrame *frame,
                         gconstpointer  layer)
{
  Slot *slot;

  g_return_val_if_fail (frame != NULL, NULL);

  slot = g_hash_table_lookup (frame->slots, layer);
  return slot != NULL ? slot->data : NULL;
}
