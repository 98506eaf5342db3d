/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-animation"

#include "config.h"

#include <gif_lib.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <locale.h>
#include <string.h>

#include "fa-animation.h"
#include "fa-autocleanups.h"
#include "fa-dataset.h"
#include "fa-export.h"
#include "fa-geodata.h"
#include "fa-map.h"
#include "fa-month.h"
#include "fa-projection.h"
#include "fa-test-utils.h"

/* The animation of the tests: the first months of 2022 at 4 frames per
 * second and 2 months per second, 6 moving frames and a second's hold. */
#define WIDTH 320
#define HEIGHT 180
#define FPS 4
#define SPEED 2.0

/* The base map is large: read once for all tests. */
static FaGeodata *geodata;

typedef struct
{
  FaMap     *map;
  FaDataset *dataset;
  char      *dir;
} Fixture;

/* One picture: packed RGB rows, 3 bytes a pixel, no padding. */
typedef struct
{
  int     width;
  int     height;
  guint8 *rgb;
} Picture;

static void
picture_free (Picture *picture)
{
  g_free (picture->rgb);
  g_free (picture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Picture, picture_free)

static Picture *
picture_new (int width,
             int height)
{
  Picture *picture = g_new0 (Picture, 1);

  picture->width = width;
  picture->height = height;
  picture->rgb = g_malloc0 ((gsize) width * height * 3);
  return picture;
}

static Picture *
picture_copy (const Picture *picture)
{
  Picture *copy = picture_new (picture->width, picture->height);

  memcpy (copy->rgb, picture->rgb, (gsize) picture->width * picture->height * 3);
  return copy;
}

/* How many pixels differ by more than @tolerance on some channel. */
static guint
picture_count_different (const Picture *a,
                         const Picture *b,
                         int            tolerance)
{
  gsize n = (gsize) a->width * a->height;
  guint count = 0;

  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  for (gsize i = 0; i < n; i++)
    {
      const guint8 *p = a->rgb + 3 * i, *q = b->rgb + 3 * i;

      if (ABS (p[0] - q[0]) > tolerance || ABS (p[1] - q[1]) > tolerance || ABS (p[2] - q[2]) > tolerance)
        count++;
    }
  return count;
}

/* The mean absolute difference per channel. */
static double
picture_mean_difference (const Picture *a,
                         const Picture *b)
{
  gsize n = (gsize) a->width * a->height * 3;
  guint64 sum = 0;

  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  for (gsize i = 0; i < n; i++)
    sum += (guint64) ABS (a->rgb[i] - b->rgb[i]);
  return (double) sum / n;
}

/* How many distinct colours a picture holds (a blank frame has one). */
static guint
picture_count_colours (const Picture *picture)
{
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  gsize n = (gsize) picture->width * picture->height;

  for (gsize i = 0; i < n; i++)
    {
      const guint8 *p = picture->rgb + 3 * i;
      guint32 rgb = (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2];

      g_hash_table_add (colours, GUINT_TO_POINTER (rgb + 1));
    }
  return g_hash_table_size (colours);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Names left in @dir, sorted, as one comma-separated string. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

/* --- Fixture -------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  FaTimeFilter filter = FA_TIME_FILTER_ALL;
  FaMapState *state;

  g_assert_nonnull (g_getenv ("FLOWATLAS_GEODATA"));
  path = g_build_filename (g_getenv ("FLOWATLAS_GEODATA"), "datasets", "tip-2024-russia", NULL);
  fixture->dataset = fa_dataset_new_from_directory (path, geodata, &error);
  g_assert_no_error (error);
  fixture->map = fa_map_new (geodata);
  g_assert_nonnull (fa_map_get_renderer (fixture->map));
  fixture->dir = fa_test_make_tmpdir ();

  /* As the command line sets up an animation: every flow of the span. */
  state = fa_map_get_state (fixture->map);
  fa_map_state_set_dataset (state, fixture->dataset);
  filter.mode = FA_TIME_MODE_WINDOW;
  filter.from = fa_month_from_ym (2022, 1);
  filter.month = fa_month_from_ym (2022, 3);
  fa_map_state_set_time_filter (state, &filter);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  FaMap *map = fixture->map;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* A worker thread may hold its task, and so the renderer, a little
   * longer than the task's callback ran. */
  g_object_add_weak_pointer (G_OBJECT (map), (gpointer *) &map);
  g_object_unref (fixture->map);
  while (map != NULL && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_null (map);
  g_object_unref (fixture->dataset);
  fa_test_rmtree (fixture->dir);
  g_assert_false (g_file_test (fixture->dir, G_FILE_TEST_EXISTS));
  g_free (fixture->dir);
}

/* The whole default extent at @width × @height. */
static FaViewport *
make_viewport (Fixture *fixture,
               int      width,
               int      height)
{
  FaViewport *viewport = fa_viewport_new ();
  FaProjection *projection = fa_map_get_projection (fixture->map);
  double extent[4];
  FaRect rect;

  fa_viewport_set_size (viewport, width, height);
  fa_projection_get_default_extent (projection, extent);
  g_assert_true (fa_projection_project_extent (projection, extent, &rect));
  fa_viewport_fit_rect (viewport, &rect, 0);
  return viewport;
}

typedef struct
{
  guint calls;
  guint last_done;
  guint total;
} Progress;

static void
on_progress_cb (guint    done,
                guint    total,
                gpointer data)
{
  Progress *progress = data;

  /* Synchronously: after every frame, in order. */
  g_assert_cmpuint (done, ==, progress->last_done + 1);
  g_assert_cmpuint (done, <=, total);
  progress->calls++;
  progress->last_done = done;
  progress->total = total;
}

/* Exports fixture->dir/@name synchronously and returns its path. */
static char *
export_animation (Fixture    *fixture,
                  const char *name,
                  FaMonth     from,
                  FaMonth     to,
                  int         fps,
                  double      speed,
                  int         width,
                  int         height)
{
  g_autoptr(FaViewport) viewport = make_viewport (fixture, width, height);
  g_autoptr(FaMapSnapshot) snapshot = fa_map_state_snapshot (fa_map_get_state (fixture->map));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  guint expected = fa_animation_count_frames (from, to, fps, speed);
  Progress progress = { 0, 0, 0 };
  gint64 start = g_get_monotonic_time ();

  g_assert_true (fa_animation_export (fa_map_get_renderer (fixture->map), viewport,
                                      fa_map_style_get (FA_MAP_STYLE_PRINT), snapshot,
                                      from, to, fps, speed, path,
                                      on_progress_cb, &progress, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("%s: %u frames of %d×%d in %.2f s", name, expected, width, height,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpuint (progress.calls, ==, expected);
  g_assert_cmpuint (progress.total, ==, expected);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  return g_steal_pointer (&path);
}

/* --- Reading a WebM back -------------------------------------------------- */

typedef struct
{
  GPtrArray    *frames;   /* Picture, in order */
  GArray       *pts;      /* GstClockTime of each */
  GstClockTime  last_end; /* the end of the last frame */
} Video;

static void
video_free (Video *video)
{
  g_ptr_array_unref (video->frames);
  g_array_unref (video->pts);
  g_free (video);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Video, video_free)

/* Decodes @path as VP8 in Matroska (a WebM), every frame as RGB. */
static Video *
decode_webm (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) source = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  Video *video = g_new0 (Video, 1);
  GstSample *sample;

  video->frames = g_ptr_array_new_with_free_func ((GDestroyNotify) picture_free);
  video->pts = g_array_new (FALSE, FALSE, sizeof (GstClockTime));
  video->last_end = GST_CLOCK_TIME_NONE;

  /* Not decodebin: the file must be VP8 in Matroska, or this fails. */
  pipeline = gst_parse_launch ("filesrc name=source ! matroskademux ! vp8dec ! videoconvert ! "
                               "video/x-raw,format=RGB ! appsink name=sink sync=false", &error);
  g_assert_no_error (error);
  source = gst_bin_get_by_name (GST_BIN (pipeline), "source");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (source, "location", path, NULL);
  bus = gst_element_get_bus (pipeline);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);

  while ((sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), 30 * GST_SECOND)) != NULL)
    {
      GstCaps *caps = gst_sample_get_caps (sample);
      GstStructure *structure = gst_caps_get_structure (caps, 0);
      GstBuffer *buffer = gst_sample_get_buffer (sample);
      GstClockTime pts = GST_BUFFER_PTS (buffer);
      GstMapInfo map;
      Picture *picture;
      int width = 0, height = 0;
      gsize stride;

      g_assert_cmpstr (gst_structure_get_string (structure, "format"), ==, "RGB");
      g_assert_true (gst_structure_get_int (structure, "width", &width));
      g_assert_true (gst_structure_get_int (structure, "height", &height));
      /* GStreamer's default for packed RGB: rows padded to 4 bytes. */
      stride = GST_ROUND_UP_4 ((gsize) width * 3);
      g_assert_true (gst_buffer_map (buffer, &map, GST_MAP_READ));
      g_assert_cmpuint (map.size, >=, stride * height);
      picture = picture_new (width, height);
      for (int y = 0; y < height; y++)
        memcpy (picture->rgb + (gsize) y * width * 3, map.data + y * stride, (gsize) width * 3);
      gst_buffer_unmap (buffer, &map);
      g_ptr_array_add (video->frames, picture);
      g_array_append_val (video->pts, pts);
      if (GST_BUFFER_DURATION_IS_VALID (buffer) && GST_CLOCK_TIME_IS_VALID (pts))
        video->last_end = pts + GST_BUFFER_DURATION (buffer);
      gst_sample_unref (sample);
    }

  /* The end of the stream, not a time-out or an error. */
  message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  if (message != NULL)
    {
      g_autoptr(GError) gst_error = NULL;
      g_autofree char *debug = NULL;

      gst_message_parse_error (message, &gst_error, &debug);
      g_error ("decoding %s: %s (%s)", path, gst_error->message, debug);
    }
  g_assert_true (gst_app_sink_is_eos (GST_APP_SINK (sink)));
  gst_element_set_state (pipeline, GST_STATE_NULL);

  return video;
}

/* --- Reading a GIF back --------------------------------------------------- */

typedef struct
{
  GifFileType *gif;      /* owned */
  GPtrArray   *frames;   /* Picture: the screen after each image */
} Gif;

static void
gif_free (Gif *gif)
{
  int code = 0;

  if (gif->gif != NULL)
    g_assert_cmpint (DGifCloseFile (gif->gif, &code), ==, GIF_OK);
  g_ptr_array_unref (gif->frames);
  g_free (gif);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Gif, gif_free)

/* Reads @path with giflib and composes its frames: each image is drawn
 * over the previous screen (the writer never asks for disposal). */
static Gif *
read_gif (const char *path)
{
  Gif *gif = g_new0 (Gif, 1);
  g_autoptr(Picture) screen = NULL;
  int code = 0;

  gif->frames = g_ptr_array_new_with_free_func ((GDestroyNotify) picture_free);
  gif->gif = DGifOpenFileName (path, &code);
  if (gif->gif == NULL)
    g_error ("%s: %s", path, GifErrorString (code));
  if (DGifSlurp (gif->gif) != GIF_OK)
    g_error ("%s: %s", path, GifErrorString (gif->gif->Error));

  screen = picture_new (gif->gif->SWidth, gif->gif->SHeight);
  for (int i = 0; i < gif->gif->ImageCount; i++)
    {
      const SavedImage *image = &gif->gif->SavedImages[i];
      const GifImageDesc *desc = &image->ImageDesc;
      const ColorMapObject *map = desc->ColorMap != NULL ? desc->ColorMap : gif->gif->SColorMap;

      g_assert_nonnull (map);
      g_assert_false (desc->Interlace);
      g_assert_cmpint (desc->Width, >=, 1);
      g_assert_cmpint (desc->Height, >=, 1);
      g_assert_cmpint (desc->Left, >=, 0);
      g_assert_cmpint (desc->Top, >=, 0);
      g_assert_cmpint (desc->Left + desc->Width, <=, gif->gif->SWidth);
      g_assert_cmpint (desc->Top + desc->Height, <=, gif->gif->SHeight);
      for (int y = 0; y < desc->Height; y++)
        for (int x = 0; x < desc->Width; x++)
          {
            int index = image->RasterBits[(gsize) y * desc->Width + x];
            guint8 *out = screen->rgb + 3 * ((gsize) (desc->Top + y) * screen->width + desc->Left + x);

            g_assert_cmpint (index, <, map->ColorCount);
            out[0] = map->Colors[index].Red;
            out[1] = map->Colors[index].Green;
            out[2] = map->Colors[index].Blue;
          }
      g_ptr_array_add (gif->frames, picture_copy (screen));
    }

  return gif;
}

/* The loop count of a NETSCAPE2.0 application extension among @blocks,
 * or -1 when there is none. */
static int
find_loop_count (const ExtensionBlock *blocks,
                 int                   n_blocks)
{
  for (int i = 0; i + 1 < n_blocks; i++)
    {
      const ExtensionBlock *app = &blocks[i], *sub = &blocks[i + 1];

      if (app->Function == APPLICATION_EXT_FUNC_CODE && app->ByteCount == 11 &&
          memcmp (app->Bytes, "NETSCAPE2.0", 11) == 0 &&
          sub->Function == CONTINUE_EXT_FUNC_CODE && sub->ByteCount == 3 && sub->Bytes[0] == 1)
        return sub->Bytes[1] | sub->Bytes[2] << 8;
    }
  return -1;
}

/* --- Tests ---------------------------------------------------------------- */

/* A WebM plays back as VP8 in Matroska: as many frames as counted, of the
 * viewport's size, one every 1/fps seconds, and the picture moves. */
static void
test_webm_decodes (Fixture       *fixture,
                   gconstpointer  data)
{
  FaMonth from = fa_month_from_ym (2022, 1), to = fa_month_from_ym (2022, 3);
  guint expected = fa_animation_count_frames (from, to, FPS, SPEED);
  g_autofree char *path = export_animation (fixture, "anim.webm", from, to, FPS, SPEED, WIDTH, HEIGHT);
  g_autofree char *left = NULL;
  g_autoptr(Video) video = NULL;
  const Picture *first, *last;
  guint moved;

  /* Three months at 2 a second and 4 frames a second, then a second. */
  g_assert_cmpuint (expected, ==, 6 + FPS);

  video = decode_webm (path);
  g_assert_cmpuint (video->frames->len, ==, expected);
  for (guint i = 0; i < video->frames->len; i++)
    {
      const Picture *picture = g_ptr_array_index (video->frames, i);
      GstClockTime pts = g_array_index (video->pts, GstClockTime, i);
      GstClockTime want = gst_util_uint64_scale (i, GST_SECOND, FPS);

      g_assert_cmpint (picture->width, ==, WIDTH);
      g_assert_cmpint (picture->height, ==, HEIGHT);
      /* Matroska keeps milliseconds. */
      g_assert_true (GST_CLOCK_TIME_IS_VALID (pts));
      g_assert_cmpuint (pts + GST_MSECOND, >=, want);
      g_assert_cmpuint (pts, <=, want + GST_MSECOND);
      /* A map, not a blank or black frame. */
      g_assert_cmpuint (picture_count_colours (picture), >, 16);
    }
  if (GST_CLOCK_TIME_IS_VALID (video->last_end))
    {
      GstClockTime want = gst_util_uint64_scale (expected, GST_SECOND, FPS);

      g_assert_cmpuint (video->last_end + GST_MSECOND, >=, want);
      g_assert_cmpuint (video->last_end, <=, want + GST_MSECOND);
    }

  /* March's map is not January's: its flows and date line. */
  first = g_ptr_array_index (video->frames, 0);
  last = g_ptr_array_index (video->frames, video->frames->len - 1);
  moved = picture_count_different (first, last, 48);
  g_test_message ("first and last frames: %u pixels differ by more than 48", moved);
  g_assert_cmpuint (moved, >, 200);

  /* The hold: the last month, still, for a second; only the codec's
   * noise differs. */
  for (guint i = expected - FPS + 1; i < expected; i++)
    g_assert_cmpuint (picture_count_different (g_ptr_array_index (video->frames, i - 1),
                                               g_ptr_array_index (video->frames, i), 48), <, moved / 10);

  /* Only the file: no temporary file beside it. */
  left = list_dir (fixture->dir);
  g_assert_cmpstr (left, ==, "anim.webm");
}

/* A GIF holds one image per frame, of the viewport's size, loops for
 * ever, and its delays add up to the animation's length. */
static void
test_gif_frames (Fixture       *fixture,
                 gconstpointer  data)
{
  FaMonth from = fa_month_from_ym (2022, 1), to = fa_month_from_ym (2022, 3);
  guint expected = fa_animation_count_frames (from, to, FPS, SPEED);
  g_autofree char *path = export_animation (fixture, "anim.gif", from, to, FPS, SPEED, WIDTH, HEIGHT);
  g_autofree char *odd = NULL;
  g_autofree char *left = NULL;
  g_autoptr(Gif) gif = read_gif (path);
  g_autoptr(Gif) gif3 = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  const Picture *first, *last;
  int loop, total_delay = 0;
  guint moved;

  g_assert_cmpint (gif->gif->ImageCount, ==, (int) expected);
  g_assert_cmpint (gif->gif->SWidth, ==, WIDTH);
  g_assert_cmpint (gif->gif->SHeight, ==, HEIGHT);
  /* GIF89a, which has delays and the loop (giflib's reader does not
   * say which version it read). */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 6);
  g_assert_cmpmem (contents, 6, GIF89_STAMP, 6);

  /* Loop for ever.  DGifSlurp() files an extension with the image after
   * it, or with the file when no image follows. */
  loop = find_loop_count (gif->gif->SavedImages[0].ExtensionBlocks,
                          gif->gif->SavedImages[0].ExtensionBlockCount);
  if (loop < 0)
    loop = find_loop_count (gif->gif->ExtensionBlocks, gif->gif->ExtensionBlockCount);
  g_assert_cmpint (loop, ==, 0);

  for (int i = 0; i < gif->gif->ImageCount; i++)
    {
      GraphicsControlBlock gcb;

      g_assert_cmpint (DGifSavedExtensionToGCB (gif->gif, i, &gcb), ==, GIF_OK);
      g_assert_cmpint (gcb.DelayTime, ==, 100 / FPS);
      g_assert_cmpint (gcb.TransparentColor, ==, NO_TRANSPARENT_COLOR);
      g_assert_true (gcb.DisposalMode == DISPOSE_DO_NOT || gcb.DisposalMode == DISPOSAL_UNSPECIFIED);
      total_delay += gcb.DelayTime;
    }
  g_assert_cmpint (total_delay, ==, (int) expected * 100 / FPS);

  /* The map moves, then holds still for the last second. */
  first = g_ptr_array_index (gif->frames, 0);
  last = g_ptr_array_index (gif->frames, gif->frames->len - 1);
  g_assert_cmpuint (picture_count_colours (first), >, 16);
  moved = picture_count_different (first, last, 0);
  g_test_message ("first and last images: %u pixels differ", moved);
  g_assert_cmpuint (moved, >, 200);
  for (guint i = expected - FPS + 1; i < expected; i++)
    g_assert_cmpuint (picture_count_different (g_ptr_array_index (gif->frames, i - 1),
                                               g_ptr_array_index (gif->frames, i), 0), ==, 0);

  /* 3 frames a second: 33, 33 and 34 hundredths, which add up to the
   * animation's length rounded down, not 33 × n. */
  odd = export_animation (fixture, "odd.gif", from, to, 3, SPEED, 64, 36);
  gif3 = read_gif (odd);
  expected = fa_animation_count_frames (from, to, 3, SPEED);
  g_assert_cmpint (gif3->gif->ImageCount, ==, (int) expected);
  g_assert_cmpint (gif3->gif->SWidth, ==, 64);
  g_assert_cmpint (gif3->gif->SHeight, ==, 36);
  total_delay = 0;
  for (int i = 0; i < gif3->gif->ImageCount; i++)
    {
      GraphicsControlBlock gcb;

      g_assert_cmpint (DGifSavedExtensionToGCB (gif3->gif, i, &gcb), ==, GIF_OK);
      g_assert_cmpint (gcb.DelayTime, >=, 33);
      g_assert_cmpint (gcb.DelayTime, <=, 34);
      total_delay += gcb.DelayTime;
      /* Never more than a hundredth away from the frame's real end. */
      g_assert_cmpint (ABS (total_delay * 3 - (i + 1) * 100), <, 3);
    }
  g_assert_cmpint (total_delay, ==, (int) expected * 100 / 3);

  left = list_dir (fixture->dir);
  g_assert_cmpstr (left, ==, "anim.gif,odd.gif");
}

/* The two writers get the same frames: each WebM frame looks like the
 * GIF's frame at the same index (exact but for its palette) and like no
 * other GIF frame that differs from that one.  A swapped colour channel,
 * a dropped, repeated or reordered frame would show. */
static void
test_webm_matches_gif (Fixture       *fixture,
                       gconstpointer  data)
{
  FaMonth from = fa_month_from_ym (2022, 1), to = fa_month_from_ym (2022, 3);
  guint expected = fa_animation_count_frames (from, to, FPS, SPEED);
  g_autofree char *webm = export_animation (fixture, "anim.webm", from, to, FPS, SPEED, WIDTH, HEIGHT);
  g_autofree char *gif_path = export_animation (fixture, "anim.gif", from, to, FPS, SPEED, WIDTH, HEIGHT);
  g_autoptr(Video) video = decode_webm (webm);
  g_autoptr(Gif) gif = read_gif (gif_path);
  guint span;

  g_assert_cmpuint (video->frames->len, ==, expected);
  g_assert_cmpuint (gif->frames->len, ==, expected);
  /* Pixels off by more than a quarter of the range: edges that moved,
   * not the codec's or the palette's rounding. */
  span = picture_count_different (g_ptr_array_index (gif->frames, 0),
                                  g_ptr_array_index (gif->frames, expected - 1), 64);
  g_assert_cmpuint (span, >, 200);
  for (guint i = 0; i < expected; i++)
    {
      const Picture *decoded = g_ptr_array_index (video->frames, i);
      const Picture *own = g_ptr_array_index (gif->frames, i);
      double mean = picture_mean_difference (decoded, own);
      guint off = picture_count_different (decoded, own, 64);

      g_test_message ("frame %u: mean difference %.2f, %u pixels off", i, mean, off);
      g_assert_cmpfloat (mean, <, 10.0);
      g_assert_cmpuint (off * 10, <, span);
      for (guint j = 0; j < expected; j++)
        {
          const Picture *other = g_ptr_array_index (gif->frames, j);

          if (picture_count_different (own, other, 64) > 2 * off + 20)
            g_assert_cmpuint (picture_count_different (decoded, other, 64), >, off);
        }
    }
}

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
  guint         first_done;
  guint         total;
  gboolean      finished;
  gboolean      ok;
  GError       *error;
} Cancel;

static void
on_cancel_progress_cb (guint    done,
                       guint    total,
                       gpointer data)
{
  Cancel *cancel = data;

  /* In the thread that started the export, never after it ended. */
  g_assert_false (cancel->finished);
  if (cancel->calls++ == 0)
    {
      cancel->first_done = done;
      cancel->total = total;
      g_cancellable_cancel (cancel->cancellable);
    }
}

static void
on_cancel_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  Cancel *cancel = data;

  cancel->ok = fa_animation_export_finish (result, &cancel->error);
  cancel->finished = TRUE;
}

/* Starts a long export of @path on a worker, cancels it after its first
 * progress report and waits until it has ended. */
static void
export_and_cancel (Fixture    *fixture,
                   const char *path)
{
  g_autoptr(FaViewport) viewport = make_viewport (fixture, WIDTH, HEIGHT);
  g_autoptr(FaMapSnapshot) snapshot = fa_map_state_snapshot (fa_map_get_state (fixture->map));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  /* Three years at 10 frames a second: 190 frames, which the worker
   * cannot finish before the first report reaches this thread. */
  FaMonth from = fa_month_from_ym (2021, 1), to = fa_month_from_ym (2023, 12);
  Cancel cancel = { cancellable, 0, 0, 0, FALSE, FALSE, NULL };
  gint64 start = g_get_monotonic_time ();
  guint calls;

  fa_animation_export_async (fa_map_get_renderer (fixture->map), viewport,
                             fa_map_style_get (FA_MAP_STYLE_PRINT), snapshot,
                             from, to, 10, SPEED, path,
                             on_cancel_progress_cb, &cancel, cancellable,
                             on_cancel_done_cb, &cancel);
  while (!cancel.finished)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("cancelled after frame %u of %u, done in %.2f s", cancel.first_done, cancel.total,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  g_assert_false (cancel.ok);
  g_assert_error (cancel.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (cancel.calls, >=, 1);
  g_assert_cmpuint (cancel.first_done, >=, 1);
  g_assert_cmpuint (cancel.first_done, <, cancel.total);
  g_assert_cmpuint (cancel.total, ==, fa_animation_count_frames (from, to, 10, SPEED));
  g_clear_error (&cancel.error);

  /* No report is left to arrive. */
  calls = cancel.calls;
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (cancel.calls, ==, calls);
}

/* A cancelled export leaves nothing at its path, and keeps what was there. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  static const char good[] = "a good file\0with a NUL byte, kept as it is\n";
  const char *names[] = { "anim.webm", "anim.gif" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, names[i], NULL);
      g_autofree char *kept = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *left = NULL;
      gsize length = 0;

      g_test_message ("%s", names[i]);
      export_and_cancel (fixture, path);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      left = list_dir (fixture->dir);
      g_assert_cmpstr (left, ==, "");
      g_clear_pointer (&left, g_free);

      kept = fa_test_write_file (fixture->dir, names[i], good, sizeof good);
      g_assert_cmpstr (kept, ==, path);
      export_and_cancel (fixture, path);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpmem (contents, length, good, sizeof good);
      left = list_dir (fixture->dir);
      g_assert_cmpstr (left, ==, names[i]);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
}

static void
on_error_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  GError **error = data;

  g_assert_false (fa_animation_export_finish (result, error));
}

/* Failures before the first frame say what and where, and leave nothing. */
static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(FaViewport) viewport = make_viewport (fixture, WIDTH, HEIGHT);
  g_autoptr(FaMapSnapshot) snapshot = fa_map_state_snapshot (fa_map_get_state (fixture->map));
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-dir", NULL);
  FaRenderer *renderer = fa_map_get_renderer (fixture->map);
  const FaMapStyle *style = fa_map_style_get (FA_MAP_STYLE_PRINT);
  FaMonth from = fa_month_from_ym (2022, 1), to = fa_month_from_ym (2022, 3);
  const char *names[] = { "anim.webm", "anim.gif" };
  g_autofree char *left = NULL;

  /* A folder that does not exist: the message names the whole path. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (missing, names[i], NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (fa_animation_export (renderer, viewport, style, snapshot, from, to, FPS, SPEED,
                                           path, NULL, NULL, NULL, &error));
      g_assert_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_WRITE);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, path));
      g_clear_error (&error);

      /* The same from a worker. */
      fa_animation_export_async (renderer, viewport, style, snapshot, from, to, FPS, SPEED,
                                 path, NULL, NULL, NULL, on_error_done_cb, &error);
      while (error == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    }

  /* Not an animation's file type: the message names the file and the
   * types that are. */
  {
    const char *bad[] = { "anim.mp4", "anim", "anim.png", "anim.pdf" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *path = g_build_filename (fixture->dir, bad[i], NULL);
        g_autoptr(GError) error = NULL;

        g_assert_false (fa_animation_export (renderer, viewport, style, snapshot, from, to, FPS, SPEED,
                                             path, NULL, NULL, NULL, &error));
        g_assert_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_FORMAT);
        g_test_message ("%s", error->message);
        g_assert_nonnull (strstr (error->message, bad[i]));
        g_assert_nonnull (strstr (error->message, ".webm"));
        g_assert_nonnull (strstr (error->message, ".gif"));
        /* Not the still images' types. */
        g_assert_null (strstr (error->message, ".svg"));
      }
  }

  /* Settings no animation can have. */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "anim.gif", NULL);
    g_autoptr(FaViewport) odd = make_viewport (fixture, WIDTH + 1, HEIGHT);
    g_autoptr(GError) error = NULL;

    g_assert_false (fa_animation_export (renderer, viewport, style, snapshot, to, from, FPS, SPEED,
                                         path, NULL, NULL, NULL, &error));
    g_assert_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_SIZE);
    g_clear_error (&error);
    g_assert_false (fa_animation_export (renderer, viewport, style, snapshot, from, to,
                                         FA_ANIMATION_MAX_FPS + 1, SPEED,
                                         path, NULL, NULL, NULL, &error));
    g_assert_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_SIZE);
    g_clear_error (&error);
    g_clear_pointer (&path, g_free);

    /* VP8 needs even sides. */
    path = g_build_filename (fixture->dir, "anim.webm", NULL);
    g_assert_false (fa_animation_export (renderer, odd, style, snapshot, from, to, FPS, SPEED,
                                         path, NULL, NULL, NULL, &error));
    g_assert_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_SIZE);
    g_assert_nonnull (strstr (error->message, "321"));
  }

  left = list_dir (fixture->dir);
  g_assert_cmpstr (left, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gst_dir = NULL;
  g_autofree char *registry = NULL;
  int status;

  /* The locale the tests run in (C, en_US.UTF-8, de_DE.UTF-8). */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  /* GStreamer's plugin registry in a temporary folder, not the user's
   * cache; building it takes a fraction of a second. */
  gst_dir = fa_test_make_tmpdir ();
  registry = g_build_filename (gst_dir, "registry.bin", NULL);
  g_setenv ("GST_REGISTRY", registry, TRUE);
  gst_init (&argc, &argv);

  geodata = fa_geodata_new (NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fa/animation/webm-decodes", test_webm_decodes);
  ADD ("/fa/animation/gif-frames", test_gif_frames);
  ADD ("/fa/animation/webm-matches-gif", test_webm_matches_gif);
  ADD ("/fa/animation/cancel", test_cancel);
  ADD ("/fa/animation/errors", test_errors);
#undef ADD

  status = g_test_run ();
  g_clear_object (&geodata);
  gst_deinit ();
  fa_test_rmtree (gst_dir);
  return status;
}
