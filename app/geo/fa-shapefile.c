/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-shapefile"

#include "config.h"

#include <inttypes.h>

#include "fa-shapefile.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fa-geo-error.h"
#include "fa-projection.h"
#include "fa-text.h"

/* Reading a shapefile takes two passes over one mapping of each file.  The
 * first validates the whole file against its real size before anything is
 * allocated: the headers, every .shx entry, every record's type and its part
 * and point counts, so that a broken file is refused with a message that
 * names the file, the record and what was expected, and the arrays can be
 * allocated exactly.  The second copies the records out of the same mapping.
 *
 * Both passes must read the same bytes.  Shapelib's SHPOpen() cannot
 * promise that: it opens "stem.shp", then "stem.SHP", by name, so given
 * "a.Shp", or "x.shp" next to "x.SHP", or a file replaced between the
 * passes, it decodes a file the first pass never saw.  So we decode the
 * records ourselves, and the second pass still checks every part start it
 * writes against the counts of the first: the file may change under a
 * mapping.  Each file is opened once, without blocking (a FIFO would block
 * open() for ever) and refused unless it is a regular file.
 *
 * The .dbf is read from its mapping, checked against its real size, and its
 * text is decoded to UTF-8 only when a value is first asked for.  The
 * formats are those of the ESRI Shapefile Technical Description (1998) and
 * dBase III. */

#define SHP_HEADER_SIZE    100
#define SHX_RECORD_SIZE    8
#define DBF_HEADER_SIZE    32
#define DBF_FIELD_SIZE     32
#define MAX_SIDECAR_SIZE   (1024 * 1024)   /* .prj and .cpg are a few hundred bytes */
#define MIN_RECORD_SIZE    12              /* record header and shape type */

typedef struct
{
  GIConv   conv;       /* to UTF-8, or (GIConv) -1 */
  gboolean guess;      /* no declared encoding: UTF-8 if valid, else Windows-1252 */
} Decoder;

/* Where a field's values lie within each .dbf record. */
typedef struct
{
  guint    offset;
  guint    width;
  gboolean is_text;
} DbfField;

struct _FaShapefile
{
  GObject         parent_instance;

  char           *path;            /* owned: the .shp file */
  FaGeometryType  geometry_type;
  FaRect          bounds;

  guint           n_records;
  guint           n_points;
  double         *lon;             /* owned, n_points */
  double         *lat;             /* owned, n_points */
  guint          *point_offsets;   /* owned, n_records + 1: first point of each record */
  guint          *part_offsets;    /* owned, n_records + 1: index into parts */
  guint          *parts;           /* owned: per record, n_parts + 1 starts relative to
                                    * its first point; the last one is its point count */

  guint           n_fields;
  char          **field_names;     /* owned, NULL-terminated, UTF-8 */
  DbfField       *fields;          /* owned, n_fields */

  /* Values are decoded on first access: a .dbf often has dozens of fields
   * of which a map reads two or three.  Decoded strings never move, so
   * callers may keep them; @lock makes first accesses safe from any thread. */
  GMutex          lock;
  guint8         *records_data;    /* owned: the raw .dbf records, n_records * record_len */
  guint           record_len;
  char           *scratch;         /* owned, guarded by @lock: one value, NUL-terminated */
  Decoder         decoder;         /* guarded by @lock */
  const char   ***values;          /* owned, n_fields: per field, NULL until a value of it
                                    * is asked for, then n_records values, each NULL until
                                    * decoded; all set atomically, strings in @strings */
  GStringChunk   *strings;         /* owned, guarded by @lock */

  GPtrArray      *warnings;        /* owned, of char *, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (FaShapefile, fa_shapefile, G_TYPE_OBJECT)

typedef enum
{
  FAMILY_NULL,
  FAMILY_POINT,
  FAMILY_MULTIPOINT,
  FAMILY_ARC,
  FAMILY_POLYGON,
} ShapeFamily;

/* A record after validation: where its content lies in the .shp. */
typedef struct
{
  guint64     offset;      /* of the record content, past the 8-byte record header */
  guint32     length;      /* content length in bytes */
  guint32     n_parts;     /* after dropping empty parts */
  guint32     n_stored_parts;  /* as in the file, empty ones included */
  guint32     n_points;
  ShapeFamily family;
} RecordInfo;

typedef struct
{
  GMappedFile  *file;
  const guint8 *data;
  guint64       size;
  const char   *name;      /* basename, for messages: UTF-8, control characters escaped */
} MappedFile;

/* Static helpers */

static inline guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static inline guint32
read_le32 (const guint8 *p)
{
  return ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static inline guint16
read_le16 (const guint8 *p)
{
  return (guint16) (((guint16) p[1] << 8) | p[0]);
}

static inline double
read_le_double (const guint8 *p)
{
  guint64 bits;
  double value;

  memcpy (&bits, p, sizeof bits);
  bits = GUINT64_FROM_LE (bits);
  memcpy (&value, &bits, sizeof value);
  return value;
}

static const char *
family_name (ShapeFamily family)
{
  switch (family)
    {
    case FAMILY_NULL:
      return _("null shapes");
    case FAMILY_POINT:
    case FAMILY_MULTIPOINT:
      return _("points");
    case FAMILY_ARC:
      return _("lines");
    case FAMILY_POLYGON:
      return _("polygons");
    default:
      break;
    }

  g_return_val_if_reached ("");
}

static FaGeometryType
family_geometry (ShapeFamily family)
{
  switch (family)
    {
    case FAMILY_POINT:
    case FAMILY_MULTIPOINT:
      return FA_GEOMETRY_POINT;
    case FAMILY_ARC:
      return FA_GEOMETRY_LINE;
    case FAMILY_POLYGON:
      return FA_GEOMETRY_POLYGON;
    case FAMILY_NULL:
    default:
      return FA_GEOMETRY_NONE;
    }
}

/* Z and M variants read as 2D: their extra values follow the x/y data. */
static gboolean
shape_type_to_family (gint32       type,
                      ShapeFamily *family)
{
  switch (type)
    {
    case 0:
      *family = FAMILY_NULL;
      return TRUE;
    case 1: case 11: case 21:
      *family = FAMILY_POINT;
      return TRUE;
    case 8: case 18: case 28:
      *family = FAMILY_MULTIPOINT;
      return TRUE;
    case 3: case 13: case 23:
      *family = FAMILY_ARC;
      return TRUE;
    case 5: case 15: case 25:
      *family = FAMILY_POLYGON;
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
set_shape_type_error (const char  *name,
                      guint        record,
                      gint32       type,
                      GError     **error)
{
  if (type == 31)
    {
      if (record == 0)
        g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_FORMAT,
                     _("%s: multipatch shapes (type 31) are not supported"), name);
      else
        g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_FORMAT,
                     /* translators: 1: file name, 2: record number */
                     _("%s: record %u: multipatch shapes (type 31) are not supported"),
                     name, record);
    }
  else
    {
      if (record == 0)
        g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_FORMAT,
                     /* translators: 1: file name, 2: a number */
                     _("%s: unknown shape type %d"), name, (int) type);
      else
        g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_FORMAT,
                     /* translators: 1: file name, 2: record number, 3: a number */
                     _("%s: record %u: unknown shape type %d"), name, record, (int) type);
    }

  return FALSE;
}

static void
mapped_file_clear (MappedFile *mf)
{
  g_clear_pointer (&mf->file, g_mapped_file_unref);
  g_clear_pointer ((char **) &mf->name, g_free);
  mf->data = NULL;
  mf->size = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MappedFile, mapped_file_clear)

static const char *
describe_file_type (mode_t mode)
{
  if (S_ISDIR (mode))
    return _("it is a folder");
  if (S_ISFIFO (mode))
    return _("it is a named pipe (FIFO)");
  if (S_ISSOCK (mode))
    return _("it is a socket");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("it is a device");

  return _("it is not a regular file");
}

/* Opens @path for reading without ever blocking, and only if it is a
 * regular file: a FIFO would block open() until a writer comes, and a
 * device or a folder cannot be mapped.  Returns -1 with @error set, the
 * message naming @name and the reason. */
static int
open_regular_file (const char   *path,
                   const char   *name,
                   struct stat  *st,
                   GError      **error)
{
  int fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_OPEN,
                   /* translators: 1: file name, 2: the system's explanation */
                   _("%s: cannot open the file: %s"), name, g_strerror (saved_errno));
      return -1;
    }

  if (fstat (fd, st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_OPEN,
                   _("%s: cannot open the file: %s"), name, g_strerror (saved_errno));
      return -1;
    }

  if (!S_ISREG (st->st_mode))
    {
      close (fd);
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_OPEN,
                   /* translators: 1: file name, 2: e.g. "it is a folder" */
                   _("%s: cannot read the file: %s; expected a regular file"),
                   name, describe_file_type (st->st_mode));
      return -1;
    }

  return fd;
}

static gboolean
map_file (const char  *path,
          MappedFile  *mf,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  struct stat st;
  int fd;

  mf->name = fa_text_display_name (path);
  fd = open_regular_file (path, mf->name, &st, error);
  if (fd < 0)
    return FALSE;

  /* One mapping serves both passes; the descriptor is not needed after. */
  mf->file = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
  close (fd);
  if (mf->file == NULL)
    {
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_OPEN,
                   _("%s: cannot open the file: %s"), mf->name, local_error->message);
      return FALSE;
    }

  mf->data = (const guint8 *) g_mapped_file_get_contents (mf->file);
  mf->size = g_mapped_file_get_length (mf->file);
  if (mf->data == NULL)
    mf->size = 0;
  return TRUE;
}

/* "dir/name.shp" → "dir/name" and ".shp"; other paths are kept whole, with
 * no extension. */
static char *
get_stem (const char  *path,
          const char **extension)
{
  const char *dot = strrchr (path, '.');
  const char *slash = strrchr (path, G_DIR_SEPARATOR);

  *extension = NULL;
  if (dot != NULL && (slash == NULL || dot > slash) && g_ascii_strcasecmp (dot, ".shp") == 0)
    {
      *extension = dot + 1;
      return g_strndup (path, dot - path);
    }

  return g_strdup (path);
}

/* @ext ("dbf") in the letter case of @model ("Shp" → "Dbf"). */
static char *
match_case (const char *ext,
            const char *model)
{
  char *out = g_strdup (ext);

  for (gsize i = 0; out[i] != '\0' && model[i] != '\0'; i++)
    out[i] = g_ascii_isupper (model[i]) ? g_ascii_toupper (out[i]) : g_ascii_tolower (out[i]);

  return out;
}

/* The sibling file with extension @ext: in the case of the .shp's own
 * extension, then lower case, then upper case; NULL if there is none.  A
 * name that exists but is no regular file (or cannot even be looked at) is
 * returned too, so that opening it says what is wrong instead of the file
 * being silently left out. */
static char *
find_sidecar (const char *stem,
              const char *shp_ext,
              const char *ext)
{
  g_autofree char *same = match_case (ext, shp_ext != NULL ? shp_ext : "shp");
  g_autofree char *upper = g_ascii_strup (ext, -1);
  const char *candidates[] = { same, ext, upper };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *path = g_strconcat (stem, ".", candidates[i], NULL);
      GStatBuf st;

      if (g_stat (path, &st) == 0 || errno != ENOENT)
        return g_steal_pointer (&path);
    }

  return NULL;
}

/* Reads a small text file (.prj, .cpg), refusing anything but a regular
 * file and anything unreasonably big.  The text is returned as read, with
 * its length: it may hold NUL bytes and need not be UTF-8. */
static char *
read_sidecar (const char  *path,
              gsize       *length,
              GError     **error)
{
  g_autofree char *name = fa_text_display_name (path);
  g_autofree char *contents = NULL;
  struct stat st;
  gsize filled = 0;
  int fd;

  fd = open_regular_file (path, name, &st, error);
  if (fd < 0)
    return NULL;

  if (st.st_size > MAX_SIDECAR_SIZE)
    {
      close (fd);
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_FORMAT,
                   /* translators: 1: file name, 2: a size in bytes, 3: a size in bytes */
                   _("%s: the file is too large (%" PRId64 " bytes, at most %u expected)"),
                   name, (gint64) st.st_size, (guint) MAX_SIDECAR_SIZE);
      return NULL;
    }

  /* One byte more than the size: a file that grew is cut, not overrun. */
  contents = g_malloc ((gsize) st.st_size + 1);
  while (filled < (gsize) st.st_size)
    {
      gssize n = read (fd, contents + filled, (gsize) st.st_size - filled);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_OPEN,
                       /* translators: 1: file name, 2: the system's explanation */
                       _("%s: cannot read the file: %s"), name, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      filled += n;
    }
  close (fd);

  contents[filled] = '\0';
  *length = filled;
  return g_steal_pointer (&contents);
}

/* Records a problem that did not stop the loading; see
 * fa_shapefile_get_warnings(). */
static void G_GNUC_PRINTF (2, 3)
add_warning (FaShapefile *self,
             const char  *format,
             ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->warnings, message);
}

/* The 100-byte header shared by .shp and .shx. */
static gboolean
check_main_header (const MappedFile  *mf,
                   gint32            *shape_type,
                   GError           **error)
{
  guint32 file_code;
  guint32 version;
  guint64 declared;
  ShapeFamily family;

  if (mf->size < SHP_HEADER_SIZE)
    {
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_TRUNCATED,
                   /* translators: 1: file name, 2: a size in bytes */
                   _("%s: the file is only %" PRIu64 " bytes long, "
                     "but a shapefile header needs 100 bytes"),
                   mf->name, mf->size);
      return FALSE;
    }

  file_code = read_be32 (mf->data);
  if (file_code != 9994)
    {
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_FORMAT,
                   /* translators: 1: file name, 2: a number */
                   _("%s: not a shapefile (file code %u, expected 9994)"),
                   mf->name, file_code);
      return FALSE;
    }

  version = read_le32 (mf->data + 28);
  if (version != 1000)
    {
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_FORMAT,
                   /* translators: 1: file name, 2: a number */
                   _("%s: unsupported shapefile version %u, expected 1000"),
                   mf->name, version);
      return FALSE;
    }

  *shape_type = (gint32) read_le32 (mf->data + 32);
  if (!shape_type_to_family (*shape_type, &family))
    return set_shape_type_error (mf->name, 0, *shape_type, error);

  declared = (guint64) read_be32 (mf->data + 24) * 2;
  if (declared > mf->size)
    {
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_TRUNCATED,
                   /* translators: 1: file name, 2 and 3: sizes in bytes */
                   _("%s: the file is truncated: its header gives a length of %"
                     PRIu64 " bytes, but it has only %" PRIu64),
                   mf->name, declared, mf->size);
      return FALSE;
    }

  return TRUE;
}

/* First pass: locate and check every record, so that the second pass can
 * allocate exact arrays and copy without checks. */
static gboolean
scan_record (const MappedFile  *shp,
             const MappedFile  *shx,
             guint              index,
             ShapeFamily       *file_family,
             RecordInfo        *info,
             GError           **error)
{
  const guint8 *entry = shx->data + SHP_HEADER_SIZE + (gsize) index * SHX_RECORD_SIZE;
  const guint8 *content;
  guint number = index + 1;
  guint64 offset = (guint64) read_be32 (entry) * 2;
  guint64 length = (guint64) read_be32 (entry + 4) * 2;
  guint64 stored_length;
  guint32 n_parts = 0;
  guint32 n_points = 0;
  gint32 type;

  memset (info, 0, sizeof *info);

  if (offset < SHP_HEADER_SIZE || offset + 8 + length > shp->size)
    {
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_TRUNCATED,
                   /* translators: 1: file name, 2: record number, 3 and 4: byte offsets,
                    * 5: the index file name, 6: a size in bytes */
                   _("%s: record %u: the index %s places it at bytes %" PRIu64
                     "–%" PRIu64 ", but the file has only %" PRIu64 " bytes"),
                   shp->name, number, shx->name, offset, offset + 8 + length, shp->size);
      return FALSE;
    }

  /* The record header repeats the length; trust the smaller of the two. */
  stored_length = (guint64) read_be32 (shp->data + offset + 4) * 2;
  length = MIN (length, stored_length);
  content = shp->data + offset + 8;
  info->offset = offset + 8;
  info->length = (guint32) length;

  if (length < 4)
    {
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_TRUNCATED,
                   /* translators: 1: file name, 2: record number, 3: a size in bytes */
                   _("%s: record %u: the record is only %u bytes long, too short for a shape"),
                   shp->name, number, (guint) length);
      return FALSE;
    }

  type = (gint32) read_le32 (content);
  if (!shape_type_to_family (type, &info->family))
    return set_shape_type_error (shp->name, number, type, error);

  switch (info->family)
    {
    case FAMILY_NULL:
      return TRUE;

    case FAMILY_POINT:
      if (length < 20)
        {
          g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_TRUNCATED,
                       /* translators: 1: file name, 2: record number, 3: a size in bytes */
                       _("%s: record %u: a point needs 20 bytes, but the record has only %u"),
                       shp->name, number, (guint) length);
          return FALSE;
        }
      n_parts = 1;
      n_points = 1;
      break;

    case FAMILY_MULTIPOINT:
      n_points = length >= 40 ? read_le32 (content + 36) : 0;
      if (length < 40 || n_points > (length - 40) / 16)
        {
          g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_TRUNCATED,
                       /* translators: 1: file name, 2: record number, 3: a count,
                        * 4: a size in bytes */
                       _("%s: record %u: %u points do not fit in a record of %u bytes"),
                       shp->name, number, n_points, (guint) length);
          return FALSE;
        }
      n_parts = n_points > 0 ? 1 : 0;
      break;

    case FAMILY_ARC:
    case FAMILY_POLYGON:
      {
        guint32 previous = 0;
        guint32 kept = 0;

        n_parts = length >= 44 ? read_le32 (content + 36) : 0;
        n_points = length >= 44 ? read_le32 (content + 40) : 0;
        /* Checked before anything is allocated or read. */
        if (length < 44 || (guint64) n_parts * 4 + (guint64) n_points * 16 > length - 44)
          {
            g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_TRUNCATED,
                         /* translators: 1: file name, 2: record number, 3 and 4: counts,
                          * 5: a size in bytes */
                         _("%s: record %u: %u parts and %u points do not fit in a record of %u bytes"),
                         shp->name, number, n_parts, n_points, (guint) length);
            return FALSE;
          }

        if (n_parts == 0 && n_points > 0)
          {
            g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_BAD_GEOMETRY,
                         /* translators: 1: file name, 2: record number, 3: a count */
                         _("%s: record %u: the shape has %u points but no parts"),
                         shp->name, number, n_points);
            return FALSE;
          }

        for (guint32 k = 0; k < n_parts; k++)
          {
            guint32 start = read_le32 (content + 44 + 4 * (gsize) k);

            if (start >= n_points)
              {
                g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_BAD_GEOMETRY,
                             /* translators: 1: file name, 2: record number, 3: part number,
                              * 4: point index, 5: a count */
                             _("%s: record %u: part %u starts at point %u, "
                               "but the shape has only %u points"),
                             shp->name, number, k + 1, start, n_points);
                return FALSE;
              }
            if (k == 0 && start != 0)
              {
                g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_BAD_GEOMETRY,
                             /* translators: 1: file name, 2: record number, 3: point index */
                             _("%s: record %u: the first part starts at point %u instead of 0"),
                             shp->name, number, start);
                return FALSE;
              }
            if (start < previous)
              {
                g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_BAD_GEOMETRY,
                             /* translators: 1: file name, 2: record number, 3: part number,
                              * 4: point index, 5: point index */
                             _("%s: record %u: part %u starts at point %u, "
                               "before the previous part (point %u)"),
                             shp->name, number, k + 1, start, previous);
                return FALSE;
              }
            /* A part that starts where the next one starts is empty: drop it. */
            if (k > 0 && start > previous)
              kept++;
            previous = start;
          }
        if (n_parts > 0)
          kept++;
        info->n_stored_parts = n_parts;
        n_parts = kept;
      }
      break;

    default:
      g_assert_not_reached ();
    }

  if (*file_family == FAMILY_NULL)
    *file_family = info->family;
  else if (family_geometry (*file_family) != family_geometry (info->family))
    {
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_FORMAT,
                   /* translators: 1: file name, 2: record number, 3 and 4: kinds of
                    * shapes, such as "polygons" */
                   _("%s: record %u: expected %s like the rest of the file, found %s"),
                   shp->name, number, family_name (*file_family), family_name (info->family));
      return FALSE;
    }

  info->n_parts = n_parts;
  info->n_points = n_points;
  return TRUE;
}

static gboolean
set_changed_error (const char  *name,
                   guint        record,
                   GError     **error)
{
  g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_BAD_GEOMETRY,
               /* translators: 1: file name, 2: record number */
               _("%s: record %u changed while the file was read; try again"),
               name, record);
  return FALSE;
}

/* Second pass: copies a record's points out of the mapping the first pass
 * checked, and grows @bounds by them (in this pass rather than another one
 * over the whole file).  Only @info, which the first pass wrote, sizes the
 * copies; what is read again from the mapping is checked again, as another
 * program may have written to the file since. */
static gboolean
copy_record (FaShapefile      *self,
             const MappedFile *shp,
             guint             index,
             const RecordInfo *info,
             guint            *point_pos,
             guint            *part_pos,
             FaRect           *bounds,
             GError          **error)
{
  const guint8 *content = shp->data + info->offset;
  const guint8 *points = NULL;
  guint *parts = self->parts + *part_pos;
  double *lon = self->lon + *point_pos;
  double *lat = self->lat + *point_pos;

  switch (info->family)
    {
    case FAMILY_NULL:
      break;

    case FAMILY_POINT:
      points = content + 4;
      parts[0] = 0;
      break;

    case FAMILY_MULTIPOINT:
      points = content + 40;
      if (info->n_parts > 0)
        parts[0] = 0;
      break;

    case FAMILY_ARC:
    case FAMILY_POLYGON:
      {
        guint32 previous = 0;
        guint kept = 0;

        /* Empty parts (a start equal to the next one) are dropped, as the
         * first pass counted.  Each write is checked against that count. */
        points = content + 44 + 4 * (gsize) info->n_stored_parts;
        for (guint32 k = 0; k < info->n_stored_parts; k++)
          {
            guint32 start = read_le32 (content + 44 + 4 * (gsize) k);

            if (start < previous || start >= info->n_points || (k == 0 && start != 0))
              return set_changed_error (shp->name, index + 1, error);
            if (k > 0 && start > previous)
              {
                if (kept >= info->n_parts)
                  return set_changed_error (shp->name, index + 1, error);
                parts[kept++] = previous;
              }
            previous = start;
          }
        if (info->n_stored_parts > 0)
          {
            if (kept >= info->n_parts)
              return set_changed_error (shp->name, index + 1, error);
            parts[kept++] = previous;
          }
        if (kept != info->n_parts)
          return set_changed_error (shp->name, index + 1, error);
      }
      break;

    default:
      g_assert_not_reached ();
    }
  parts[info->n_parts] = info->n_points;

  for (guint32 j = 0; j < info->n_points; j++)
    {
      lon[j] = read_le_double (points + 16 * (gsize) j);
      lat[j] = read_le_double (points + 16 * (gsize) j + 8);
      if (!isfinite (lon[j]) || !isfinite (lat[j]))
        {
          g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_BAD_GEOMETRY,
                       /* translators: 1: file name, 2: record number, 3: point number,
                        * 4 and 5: coordinates */
                       _("%s: record %u: point %u has an invalid coordinate (%g, %g)"),
                       shp->name, index + 1, j + 1, lon[j], lat[j]);
          return FALSE;
        }
      bounds->x1 = MIN (bounds->x1, lon[j]);
      bounds->x2 = MAX (bounds->x2, lon[j]);
      bounds->y1 = MIN (bounds->y1, lat[j]);
      bounds->y2 = MAX (bounds->y2, lat[j]);
    }

  *point_pos += info->n_points;
  *part_pos += info->n_parts + 1;
  return TRUE;
}

static gboolean
load_geometry (FaShapefile  *self,
               const char   *stem,
               const char   *shp_ext,
               GError      **error)
{
  g_auto(MappedFile) shp = { 0 };
  g_auto(MappedFile) shx = { 0 };
  g_autofree RecordInfo *records = NULL;
  g_autofree char *shx_path = NULL;
  ShapeFamily family = FAMILY_NULL;
  FaRect bounds = { HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL };
  guint64 total_points = 0;
  guint64 total_parts = 0;
  guint64 total_bytes = 0;
  guint64 n_entries;
  guint64 shx_end;
  guint point_pos = 0;
  guint part_pos = 0;
  gint32 shp_type;
  gint32 shx_type;

  if (!map_file (self->path, &shp, error) ||
      !check_main_header (&shp, &shp_type, error))
    return FALSE;
  shape_type_to_family (shp_type, &family);

  shx_path = find_sidecar (stem, shp_ext, "shx");
  if (shx_path == NULL)
    {
      g_autofree char *expected_ext = match_case ("shx", shp_ext != NULL ? shp_ext : "shp");
      g_autofree char *expected = g_strconcat (stem, ".", expected_ext, NULL);
      g_autofree char *expected_name = fa_text_display_name (expected);

      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_OPEN,
                   /* translators: 1: file name, 2: file name */
                   _("%s: missing index file %s"), shp.name, expected_name);
      return FALSE;
    }
  if (!map_file (shx_path, &shx, error) ||
      !check_main_header (&shx, &shx_type, error))
    return FALSE;

  /* The record count comes from the real size of the index, never from a
   * header; a declared length shorter than the file limits it further.
   * Each record takes at least MIN_RECORD_SIZE bytes of the .shp, which
   * bounds the count before anything is allocated for it. */
  shx_end = MIN (shx.size, (guint64) read_be32 (shx.data + 24) * 2);
  shx_end = MAX (shx_end, SHP_HEADER_SIZE);
  n_entries = (shx_end - SHP_HEADER_SIZE) / SHX_RECORD_SIZE;
  if (n_entries > (shp.size - SHP_HEADER_SIZE) / MIN_RECORD_SIZE || n_entries > G_MAXUINT - 1)
    {
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_TRUNCATED,
                   /* translators: 1: file name, 2: a count, 3: file name, 4: a count */
                   _("%s lists %" PRIu64 " records, but %s has room for at most %" PRIu64),
                   shx.name, n_entries, shp.name, (shp.size - SHP_HEADER_SIZE) / MIN_RECORD_SIZE);
      return FALSE;
    }
  self->n_records = (guint) n_entries;

  records = g_new (RecordInfo, MAX (self->n_records, 1));
  for (guint i = 0; i < self->n_records; i++)
    {
      if (!scan_record (&shp, &shx, i, &family, &records[i], error))
        return FALSE;
      total_points += records[i].n_points;
      total_parts += records[i].n_parts + 1;
      total_bytes += 8 + (guint64) records[i].length;
    }

  /* Index entries may all point at the same big record: the points would
   * then be copied once per entry.  Records that share no bytes fit in the
   * file, which keeps the arrays below the size of the file. */
  if (total_bytes > shp.size - SHP_HEADER_SIZE)
    {
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_FORMAT,
                   /* translators: 1: file name, 2: a size in bytes, 3: file name, 4: a size in bytes */
                   _("%s: its records take %" PRIu64 " bytes, but %s has only %" PRIu64
                     "; the index places records on top of each other"),
                   shx.name, total_bytes, shp.name, shp.size - SHP_HEADER_SIZE);
      return FALSE;
    }
  if (total_points > G_MAXUINT || total_parts > G_MAXUINT)
    {
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_FORMAT,
                   _("%s: too many points"), shp.name);
      return FALSE;
    }

  self->geometry_type = family_geometry (family);
  self->n_points = (guint) total_points;
  self->lon = g_new (double, MAX (total_points, 1));
  self->lat = g_new (double, MAX (total_points, 1));
  self->parts = g_new (guint, MAX (total_parts, 1));
  self->point_offsets = g_new (guint, self->n_records + 1);
  self->part_offsets = g_new (guint, self->n_records + 1);

  for (guint i = 0; i < self->n_records; i++)
    {
      self->point_offsets[i] = point_pos;
      self->part_offsets[i] = part_pos;
      if (!copy_record (self, &shp, i, &records[i], &point_pos, &part_pos, &bounds, error))
        return FALSE;
    }
  self->point_offsets[self->n_records] = point_pos;
  self->part_offsets[self->n_records] = part_pos;
  if (self->n_points > 0)
    self->bounds = bounds;

  return TRUE;
}

static void
compute_bounds (FaShapefile *self)
{
  FaRect b = { HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL };

  for (guint i = 0; i < self->n_points; i++)
    {
      b.x1 = MIN (b.x1, self->lon[i]);
      b.x2 = MAX (b.x2, self->lon[i]);
      b.y1 = MIN (b.y1, self->lat[i]);
      b.y2 = MAX (b.y2, self->lat[i]);
    }
  if (self->n_points > 0)
    self->bounds = b;
}

static guint
find_record_of_point (FaShapefile *self,
                      guint        point)
{
  guint lo = 0;
  guint hi = self->n_records;

  /* The last record whose first point is <= point (skipping empty ones). */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->point_offsets[mid] <= point)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

/* The WGS 84 definitions that GIS software writes into .prj files, without
 * white space: ESRI's (Natural Earth, QGIS, ArcGIS) and GDAL's, with and
 * without axes. */
static const char * const wgs84_wkts[] = {
  "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
  "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]",
  "GEOGCS[\"WGS84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS84\",6378137,298.257223563,"
  "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],"
  "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],"
  "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],"
  "AUTHORITY[\"EPSG\",\"4326\"]]",
  "GEOGCS[\"WGS84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS84\",6378137,298.257223563,"
  "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],"
  "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],"
  "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],"
  "AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]",
};

/* Whether @wkt is WGS 84 longitude/latitude, which needs no conversion.
 * Recognizing the common spellings spares a PROJ context and its database
 * lookups, several milliseconds per file; anything else goes to PROJ. */
static gboolean
is_wgs84_wkt (const char *wkt)
{
  g_autoptr(GString) compact = g_string_sized_new (strlen (wkt));

  for (const char *p = wkt; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        g_string_append_c (compact, *p);
    }

  for (guint i = 0; i < G_N_ELEMENTS (wgs84_wkts); i++)
    {
      if (g_ascii_strcasecmp (compact->str, wgs84_wkts[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Whether the coordinates can be longitude and latitude in degrees, with
 * longitudes from -180 to 360 (some files run from 0 to 360). */
static gboolean
bounds_fit_lonlat (const FaRect *b)
{
  return b->x1 >= -180.0 - 1e-6 && b->x2 <= 360.0 + 1e-6 &&
         b->y1 >= -90.0 - 1e-6 && b->y2 <= 90.0 + 1e-6;
}

/* The largest coordinate, written for people: "3.2e6", "412". */
static char *
format_magnitude (const FaRect *b)
{
  double m = MAX (MAX (fabs (b->x1), fabs (b->x2)), MAX (fabs (b->y1), fabs (b->y2)));
  int exponent;

  if (m < 1e5)
    return g_strdup_printf ("%.0f", m);

  exponent = (int) floor (log10 (m));
  /* "%.1f" may round 9.96 up to 10.0: write 1.0 and one more power. */
  if (m / pow (10, exponent) >= 9.95)
    exponent++;
  return g_strdup_printf ("%.1fe%d", m / pow (10, exponent), exponent);
}

/* A .prj as text PROJ can take: no NUL, valid UTF-8.  ESRI software writes
 * names in the Windows code page, so text that is not UTF-8 is read as
 * Windows-1252.  Returns NULL with @reason set when it cannot be used. */
static char *
prj_to_wkt (const char  *contents,
            gsize        length,
            char       **reason)
{
  const char *nul = memchr (contents, '\0', length);
  char *wkt;

  if (nul != NULL)
    {
      /* translators: %u is a byte offset in a file */
      *reason = g_strdup_printf (_("it holds a NUL byte at offset %u; expected WKT text"),
                                 (guint) (nul - contents));
      return NULL;
    }

  if (g_utf8_validate (contents, length, NULL))
    wkt = g_strndup (contents, length);
  else
    {
      wkt = g_convert (contents, length, "UTF-8", "CP1252", NULL, NULL, NULL);
      if (wkt == NULL)
        wkt = g_utf8_make_valid (contents, length);
    }

  return g_strstrip (wkt);
}

static gboolean
load_projection (FaShapefile  *self,
                 const char   *stem,
                 const char   *shp_ext,
                 GError      **error)
{
  g_autoptr(FaProjection) to_lonlat = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *prj_path = find_sidecar (stem, shp_ext, "prj");
  g_autofree char *shp_name = fa_text_display_name (self->path);
  g_autofree char *prj_name = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *wkt = NULL;
  gsize length = 0;

  if (prj_path == NULL)
    {
      g_autofree char *magnitude = NULL;

      if (self->n_points == 0 || bounds_fit_lonlat (&self->bounds))
        return TRUE;

      /* Drawn as degrees, such a file would land far off the map. */
      magnitude = format_magnitude (&self->bounds);
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_PROJECTION,
                   /* translators: 1: file name, 2: a number such as 3.2e6 */
                   _("%s: coordinates up to %s look projected, but there is no .prj file "
                     "to say how; add the .prj that came with the shapefile"),
                   shp_name, magnitude);
      return FALSE;
    }

  prj_name = fa_text_display_name (prj_path);
  contents = read_sidecar (prj_path, &length, &local_error);
  if (contents == NULL)
    reason = g_strdup (local_error->message);
  else if ((wkt = prj_to_wkt (contents, length, &reason)) != NULL)
    {
      if (*wkt == '\0' || is_wgs84_wkt (wkt))
        return TRUE;

      to_lonlat = fa_projection_new_to_lonlat (wkt, &local_error);
      if (to_lonlat == NULL)
        reason = g_strdup_printf ("%s: %s", prj_name, local_error->message);
    }

  if (reason != NULL)
    {
      g_autofree char *magnitude = NULL;

      /* The read error already names the file. */
      if (!g_str_has_prefix (reason, prj_name))
        {
          char *prefixed = g_strdup_printf ("%s: %s", prj_name, reason);

          g_free (reason);
          reason = prefixed;
        }

      if (self->n_points == 0 || bounds_fit_lonlat (&self->bounds))
        {
          add_warning (self,
                       /* translators: 1: an explanation naming a .prj file */
                       _("%s; the coordinates fit longitude and latitude, "
                         "so they are read as WGS 84"), reason);
          return TRUE;
        }

      magnitude = format_magnitude (&self->bounds);
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_PROJECTION,
                   /* translators: 1: file name, 2: a number such as 3.2e6,
                    * 3: an explanation naming a .prj file */
                   _("%s: coordinates up to %s look projected, but the .prj file cannot "
                     "be used: %s"),
                   shp_name, magnitude, reason);
      return FALSE;
    }

  if (fa_projection_forward (to_lonlat, self->lon, self->lat, self->n_points) < self->n_points)
    {
      for (guint i = 0; i < self->n_points; i++)
        {
          if (self->lon[i] == HUGE_VAL)
            {
              guint record = find_record_of_point (self, i);

              g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_PROJECTION,
                           /* translators: 1: file name, 2: record number, 3: point number,
                            * 4: a .prj file name */
                           _("%s: record %u: point %u cannot be converted to longitude "
                             "and latitude from the coordinate system in %s"),
                           shp_name,
                           record + 1, i - self->point_offsets[record] + 1, prj_name);
              return FALSE;
            }
        }
    }

  /* The points have moved since load_geometry() measured them. */
  compute_bounds (self);
  return TRUE;
}

/* Attributes */

static void
decoder_clear (Decoder *decoder)
{
  if (decoder->conv != (GIConv) -1)
    g_iconv_close (decoder->conv);
  decoder->conv = (GIConv) -1;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Decoder, decoder_clear)

/* Maps the names found in .cpg files ("1251", "ANSI 1252", "8859-5",
 * "UTF-8", "KOI8-R", …) to iconv names; NULL means UTF-8. */
static char *
charset_from_cpg (const char *cpg)
{
  g_autofree char *name = g_ascii_strup (cpg, -1);
  char *p = name;
  guint64 number;

  g_strstrip (name);
  if (g_str_has_prefix (p, "ANSI"))
    p = g_strstrip (p + 4);

  if (*p == '\0' || strcmp (p, "UTF-8") == 0 || strcmp (p, "UTF8") == 0 || strcmp (p, "65001") == 0)
    return NULL;

  if (g_ascii_string_to_unsigned (p, 10, 0, G_MAXUINT32, &number, NULL))
    {
      if (number >= 88591 && number <= 885916)
        return g_strdup_printf ("ISO-8859-%u", (guint) (number - 88590));
      if (number >= 28591 && number <= 28605)
        return g_strdup_printf ("ISO-8859-%u", (guint) (number - 28590));
      if (number == 20866)
        return g_strdup ("KOI8-R");
      if (number == 21866)
        return g_strdup ("KOI8-U");
      return g_strdup_printf ("CP%u", (guint) number);
    }

  if (g_str_has_prefix (p, "8859"))
    return g_strdup_printf ("ISO-8859-%s", p[4] == '-' || p[4] == '_' ? p + 5 : p + 4);

  return g_strdup (p);
}

/* The dBase language driver id at byte 29, as listed by ESRI and used by
 * Shapelib's DBFGetCodePage ("LDID/201"). */
static const char *
charset_from_ldid (guint8 ldid)
{
  switch (ldid)
    {
    case 0x01: return "CP437";
    case 0x02: return "CP850";
    case 0x03: return "CP1252";
    case 0x04: return "MACINTOSH";
    case 0x08: return "CP865";
    case 0x09: return "CP437";
    case 0x0A: return "CP850";
    case 0x0B: return "CP437";
    case 0x0D: return "CP437";
    case 0x0E: return "CP850";
    case 0x0F: return "CP437";
    case 0x10: return "CP850";
    case 0x11: return "CP437";
    case 0x12: return "CP850";
    case 0x13: return "CP932";
    case 0x14: return "CP850";
    case 0x15: return "CP437";
    case 0x16: return "CP850";
    case 0x17: return "CP865";
    case 0x18: return "CP437";
    case 0x19: return "CP437";
    case 0x1A: return "CP850";
    case 0x1B: return "CP437";
    case 0x1C: return "CP863";
    case 0x1D: return "CP850";
    case 0x1F: return "CP852";
    case 0x22: return "CP852";
    case 0x23: return "CP852";
    case 0x24: return "CP860";
    case 0x25: return "CP850";
    case 0x26: return "CP866";
    case 0x37: return "CP850";
    case 0x40: return "CP852";
    case 0x4D: return "CP936";
    case 0x4E: return "CP949";
    case 0x4F: return "CP950";
    case 0x50: return "CP874";
    case 0x58: return "CP1252";
    case 0x59: return "CP1252";
    case 0x64: return "CP852";
    case 0x65: return "CP866";
    case 0x66: return "CP865";
    case 0x67: return "CP861";
    case 0x6A: return "CP737";
    case 0x6B: return "CP857";
    case 0x6C: return "CP863";
    case 0x78: return "CP950";
    case 0x79: return "CP949";
    case 0x7A: return "CP936";
    case 0x7B: return "CP932";
    case 0x7C: return "CP874";
    case 0x7D: return "CP1255";
    case 0x7E: return "CP1256";
    case 0x87: return "CP852";
    case 0x88: return "CP857";
    case 0xC8: return "CP1250";
    case 0xC9: return "CP1251";
    case 0xCA: return "CP1254";
    case 0xCB: return "CP1253";
    case 0xCC: return "CP1257";
    /* 0x00 (none) and 0x57 ("ANSI") say nothing reliable. */
    default:   return NULL;
    }
}

static void
decoder_init (FaShapefile *self,
              const char  *stem,
              const char  *shp_ext,
              const char  *dbf_name,
              guint8       ldid)
{
  Decoder *decoder = &self->decoder;
  g_autofree char *cpg_path = find_sidecar (stem, shp_ext, "cpg");
  g_autofree char *charset = NULL;

  decoder->conv = (GIConv) -1;
  decoder->guess = FALSE;

  if (cpg_path != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *cpg = NULL;
      gsize length;

      cpg = read_sidecar (cpg_path, &length, &local_error);
      if (cpg == NULL)
        add_warning (self,
                     /* translators: 1: an explanation naming a .cpg file, 2: a .dbf file name */
                     _("%s; guessing the text encoding of %s"), local_error->message, dbf_name);
      else if (memchr (cpg, '\0', length) == NULL && g_strstrip (cpg)[0] != '\0')
        {
          charset = charset_from_cpg (cpg);
          if (charset == NULL)
            return;   /* UTF-8 */
        }
    }

  if (charset == NULL && charset_from_ldid (ldid) != NULL)
    charset = g_strdup (charset_from_ldid (ldid));

  if (charset != NULL)
    {
      decoder->conv = g_iconv_open ("UTF-8", charset);
      if (decoder->conv != (GIConv) -1)
        return;
      if (cpg_path != NULL)
        {
          g_autofree char *cpg_name = fa_text_display_name (cpg_path);
          g_autofree char *shown = fa_text_quote (charset, -1, FA_TEXT_MAX_QUOTED);

          add_warning (self,
                       /* translators: 1: a .cpg file name, 2: an encoding name, 3: a .dbf file name */
                       _("%s: unknown text encoding “%s”; guessing the text encoding of %s"),
                       cpg_name, shown, dbf_name);
        }
    }

  decoder->guess = TRUE;
  decoder->conv = g_iconv_open ("UTF-8", "CP1252");
}

/* Returns a UTF-8 copy of @text (NUL-terminated, @len bytes) in @chunk. */
static const char *
decode_value (const Decoder *decoder,
              GStringChunk  *chunk,
              const char    *text,
              gsize          len)
{
  g_autofree char *converted = NULL;
  gboolean ascii = TRUE;

  for (gsize i = 0; i < len; i++)
    {
      if ((guchar) text[i] >= 0x80)
        {
          ascii = FALSE;
          break;
        }
    }

  if (ascii)
    return g_string_chunk_insert_const (chunk, text);

  if (decoder->conv == (GIConv) -1 || (decoder->guess && g_utf8_validate (text, len, NULL)))
    {
      if (g_utf8_validate (text, len, NULL))
        return g_string_chunk_insert_const (chunk, text);
    }
  else
    {
      converted = g_convert_with_iconv (text, len, decoder->conv, NULL, NULL, NULL);
      /* Reset the shift state after a failure. */
      g_iconv (decoder->conv, NULL, NULL, NULL, NULL);
      if (converted != NULL && g_utf8_validate (converted, -1, NULL))
        return g_string_chunk_insert_const (chunk, converted);
      g_clear_pointer (&converted, g_free);
    }

  converted = g_utf8_make_valid (text, len);
  return g_string_chunk_insert_const (chunk, converted);
}

/* Decodes a value on its first access; the caller holds @self->lock. */
static const char *
decode_field (FaShapefile *self,
              guint        record,
              guint        field)
{
  const DbfField *f = &self->fields[field];
  const char *start = (const char *) self->records_data + (gsize) record * self->record_len + f->offset;
  gsize len = f->width;

  while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\0'))
    len--;
  /* Numbers, dates and logicals are right-aligned. */
  while (!f->is_text && len > 0 && *start == ' ')
    {
      start++;
      len--;
    }
  memcpy (self->scratch, start, len);
  self->scratch[len] = '\0';
  len = strlen (self->scratch);

  return decode_value (&self->decoder, self->strings, self->scratch, len);
}

static gboolean
load_attributes (FaShapefile  *self,
                 const char   *stem,
                 const char   *shp_ext,
                 GError      **error)
{
  g_auto(MappedFile) dbf = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dbf_path = find_sidecar (stem, shp_ext, "dbf");
  g_autofree char *shp_name = fa_text_display_name (self->path);
  guint32 n_dbf_records;
  guint header_len;
  guint record_len;
  guint64 room;
  g_autofree char *shown_name = NULL;
  guint n_fields = 0;
  guint field_end = 1;

  /* Attributes are optional: without a .dbf the features simply have no fields. */
  if (dbf_path == NULL)
    {
      self->field_names = g_new0 (char *, 1);
      return TRUE;
    }

  /* A .dbf that cannot be opened leaves the shapes without attributes: the
   * map can still be drawn, and the user is told why labels are missing. */
  if (!map_file (dbf_path, &dbf, &local_error))
    {
      add_warning (self,
                   /* translators: 1: an explanation naming a .dbf file */
                   _("%s; the shapes have no attributes"), local_error->message);
      self->field_names = g_new0 (char *, 1);
      return TRUE;
    }

  if (dbf.size < DBF_HEADER_SIZE + 1)
    {
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_TRUNCATED,
                   /* translators: 1: file name, 2: a size in bytes */
                   _("%s: the file is only %" PRIu64 " bytes long, "
                     "too short for a dBase header"),
                   dbf.name, dbf.size);
      return FALSE;
    }

  n_dbf_records = read_le32 (dbf.data + 4);
  header_len = read_le16 (dbf.data + 8);
  record_len = read_le16 (dbf.data + 10);
  if (header_len < DBF_HEADER_SIZE + 1 || record_len < 1)
    {
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_FORMAT,
                   /* translators: 1: file name, 2 and 3: sizes in bytes */
                   _("%s: not a dBase file (header length %u, record length %u)"),
                   dbf.name, header_len, record_len);
      return FALSE;
    }
  if (header_len > dbf.size)
    {
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_TRUNCATED,
                   /* translators: 1: file name, 2 and 3: sizes in bytes */
                   _("%s: the header is %u bytes long, but the file has only %" PRIu64),
                   dbf.name, header_len, dbf.size);
      return FALSE;
    }

  room = (dbf.size - header_len) / record_len;
  if (n_dbf_records > room)
    {
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_TRUNCATED,
                   /* translators: 1: file name, 2 and 3: counts */
                   _("%s: the file is truncated: its header counts %u records, "
                     "but there is room for only %" PRIu64),
                   dbf.name, n_dbf_records, room);
      return FALSE;
    }
  if (n_dbf_records < self->n_records)
    {
      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_ATTRIBUTES,
                   /* translators: 1: file name, 2: count, 3: file name, 4: count */
                   _("%s has %u records, but %s has %u shapes: each shape needs a record"),
                   dbf.name, n_dbf_records, shp_name, self->n_records);
      return FALSE;
    }

  /* Field descriptors run from byte 32 to a 0x0D terminator or the header end. */
  while (DBF_HEADER_SIZE + (n_fields + 1) * DBF_FIELD_SIZE <= header_len &&
         dbf.data[DBF_HEADER_SIZE + n_fields * DBF_FIELD_SIZE] != 0x0D)
    n_fields++;

  self->n_fields = n_fields;
  self->field_names = g_new0 (char *, n_fields + 1);
  self->fields = g_new (DbfField, MAX (n_fields, 1));

  for (guint f = 0; f < n_fields; f++)
    {
      const guint8 *desc = dbf.data + DBF_HEADER_SIZE + f * DBF_FIELD_SIZE;
      char name[12];
      char type = (char) desc[11];

      memcpy (name, desc, 11);
      name[11] = '\0';
      g_strstrip (name);
      self->field_names[f] = g_utf8_make_valid (name, -1);
      /* In messages only. */
      g_free (shown_name);
      shown_name = fa_text_quote (name, -1, 0);

      /* Text fields longer than 255 keep the high byte in the decimals. */
      self->fields[f].width = desc[16];
      if (type == 'C')
        self->fields[f].width += desc[17] * 256;
      self->fields[f].is_text = type == 'C' || type == 'M';
      self->fields[f].offset = field_end;
      field_end += self->fields[f].width;
      if (field_end > record_len)
        {
          g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_FORMAT,
                       /* translators: 1: file name, 2: a field name, 3: size in bytes */
                       _("%s: field “%s” extends past the end of the %u-byte record"),
                       dbf.name, shown_name, record_len);
          return FALSE;
        }
    }

  /* A copy, not the mapping: a file truncated while we hold it would make
   * the first access to a value crash (SIGBUS) instead of merely being stale. */
  decoder_init (self, stem, shp_ext, dbf.name, dbf.data[29]);
  self->record_len = record_len;
  if (self->n_records > 0)
    self->records_data = g_memdup2 (dbf.data + header_len, (gsize) self->n_records * record_len);
  self->scratch = g_malloc (record_len + 1);
  /* Per field, allocated on first use: a table of n_records * n_fields
   * pointers would take eight times the .dbf, most of it never used. */
  self->values = g_new0 (const char **, MAX (n_fields, 1));
  self->strings = g_string_chunk_new (16 * 1024);

  return TRUE;
}

static void
fa_shapefile_finalize (GObject *object)
{
  FaShapefile *self = (FaShapefile *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->lon, g_free);
  g_clear_pointer (&self->lat, g_free);
  g_clear_pointer (&self->point_offsets, g_free);
  g_clear_pointer (&self->part_offsets, g_free);
  g_clear_pointer (&self->parts, g_free);
  g_clear_pointer (&self->field_names, g_strfreev);
  g_clear_pointer (&self->fields, g_free);
  g_clear_pointer (&self->records_data, g_free);
  g_clear_pointer (&self->scratch, g_free);
  decoder_clear (&self->decoder);
  for (guint f = 0; self->values != NULL && f < self->n_fields; f++)
    g_free (self->values[f]);
  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_mutex_clear (&self->lock);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);

  G_OBJECT_CLASS (fa_shapefile_parent_class)->finalize (object);
}

static void
fa_shapefile_class_init (FaShapefileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fa_shapefile_finalize;
}

static void
fa_shapefile_init (FaShapefile *self)
{
  g_mutex_init (&self->lock);
  self->decoder.conv = (GIConv) -1;
  self->warnings = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

/**
 * fa_shapefile_load:
 * @path: the `.shp` file (the extension may be left out)
 * @error: return location for a #GError
 *
 * Reads a whole shapefile: geometry from `.shp` and `.shx`, attributes from
 * `.dbf` (optional: without it there are no fields), text encoding from
 * `.cpg` or the `.dbf` language driver, and the coordinate system from `.prj`
 * (optional: without it the coordinates are WGS 84 longitude/latitude).
 * Coordinates in another CRS are converted to WGS 84 longitude/latitude.
 * The sidecar files are looked for with the extension in the letter case
 * of the `.shp`'s, then in lower case, then in upper case.
 *
 * A `.dbf`, `.prj` or `.cpg` that cannot be used does not stop the loading
 * when the shapes can still be drawn; see fa_shapefile_get_warnings().
 * Coordinates that cannot be longitude and latitude without a usable
 * `.prj` are an error.
 *
 * Every size and count in the files is checked against the real file sizes
 * before use, so malformed files fail with an error instead of crashing or
 * allocating without bound.
 *
 * Returns: (transfer full) (nullable): the shapefile, or %NULL with @error
 *   set in the %FA_GEO_ERROR domain; the message names the file and, where
 *   relevant, the record (counted from 1)
 */
FaShapefile *
fa_shapefile_load (const char  *path,
                   GError     **error)
{
  g_autoptr(FaShapefile) self = NULL;
  g_autofree char *stem = NULL;
  const char *shp_ext;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (FA_TYPE_SHAPEFILE, NULL);
  stem = get_stem (path, &shp_ext);

  /* A folder given without an extension is not "folder.shp". */
  if (shp_ext == NULL && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = fa_text_display_name (path);

      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_OPEN,
                   /* translators: %s is a folder name */
                   _("%s: cannot read the file: it is a folder; expected a .shp file"), name);
      return NULL;
    }
  self->path = shp_ext == NULL ? g_strconcat (path, ".shp", NULL) : g_strdup (path);

  if (!load_geometry (self, stem, shp_ext, error) ||
      !load_projection (self, stem, shp_ext, error) ||
      !load_attributes (self, stem, shp_ext, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * fa_shapefile_get_path:
 * @self: a #FaShapefile
 *
 * Returns: (transfer none): the path of the `.shp` file
 */
const char *
fa_shapefile_get_path (FaShapefile *self)
{
  g_return_val_if_fail (FA_IS_SHAPEFILE (self), NULL);

  return self->path;
}

/**
 * fa_shapefile_dup_display_name:
 * @self: a #FaShapefile
 *
 * Returns: (transfer full): the file name without directory and extension,
 *   in UTF-8 and with control characters escaped
 */
char *
fa_shapefile_dup_display_name (FaShapefile *self)
{
  g_autofree char *base = NULL;
  char *dot;

  g_return_val_if_fail (FA_IS_SHAPEFILE (self), NULL);

  base = g_path_get_basename (self->path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';

  return fa_text_display_path (base);
}

/**
 * fa_shapefile_get_geometry_type:
 * @self: a #FaShapefile
 *
 * Returns: the kind of shapes; %FA_GEOMETRY_NONE if all are null shapes
 */
FaGeometryType
fa_shapefile_get_geometry_type (FaShapefile *self)
{
  g_return_val_if_fail (FA_IS_SHAPEFILE (self), FA_GEOMETRY_NONE);

  return self->geometry_type;
}

/**
 * fa_shapefile_get_n_records:
 * @self: a #FaShapefile
 *
 * Returns: the number of shapes, null shapes included
 */
guint
fa_shapefile_get_n_records (FaShapefile *self)
{
  g_return_val_if_fail (FA_IS_SHAPEFILE (self), 0);

  return self->n_records;
}

/**
 * fa_shapefile_get_n_points:
 * @self: a #FaShapefile
 *
 * Returns: the number of vertices in all shapes
 */
guint
fa_shapefile_get_n_points (FaShapefile *self)
{
  g_return_val_if_fail (FA_IS_SHAPEFILE (self), 0);

  return self->n_points;
}

/**
 * fa_shapefile_get_bounds:
 * @self: a #FaShapefile
 * @lonlat_bounds: (out caller-allocates): the bounding box in degrees,
 *   all zero when there are no points
 */
void
fa_shapefile_get_bounds (FaShapefile *self,
                         FaRect      *lonlat_bounds)
{
  g_return_if_fail (FA_IS_SHAPEFILE (self));
  g_return_if_fail (lonlat_bounds != NULL);

  *lonlat_bounds = self->bounds;
}

/**
 * fa_shapefile_get_warnings:
 * @self: a #FaShapefile
 *
 * Problems that did not stop the shapefile from loading, such as a `.dbf`
 * that cannot be read (the shapes then have no attributes) or a `.prj` that
 * cannot be used (the coordinates are then read as longitude/latitude).
 * Each names the file and says what was done instead; callers should show
 * them to the user.
 *
 * Returns: (transfer none) (array zero-terminated=1): the warnings, in
 *   UTF-8; empty when there were none
 */
const char * const *
fa_shapefile_get_warnings (FaShapefile *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (FA_IS_SHAPEFILE (self), NULL);

  /* An empty array may not have allocated its terminator yet. */
  if (self->warnings->len == 0)
    return none;

  return (const char * const *) self->warnings->pdata;
}

/**
 * fa_shapefile_get_n_fields:
 * @self: a #FaShapefile
 *
 * Returns: the number of attribute fields (0 without a `.dbf`)
 */
guint
fa_shapefile_get_n_fields (FaShapefile *self)
{
  g_return_val_if_fail (FA_IS_SHAPEFILE (self), 0);

  return self->n_fields;
}

/**
 * fa_shapefile_get_field_name:
 * @self: a #FaShapefile
 * @field: a field index
 *
 * Returns: (transfer none): the field's name, in UTF-8
 */
const char *
fa_shapefile_get_field_name (FaShapefile *self,
                             guint        field)
{
  g_return_val_if_fail (FA_IS_SHAPEFILE (self), NULL);
  g_return_val_if_fail (field < self->n_fields, NULL);

  return self->field_names[field];
}

/**
 * fa_shapefile_find_field:
 * @self: a #FaShapefile
 * @name: a field name, compared without regard to ASCII case
 *
 * Returns: the index of the first field called @name, or -1
 */
int
fa_shapefile_find_field (FaShapefile *self,
                         const char  *name)
{
  g_return_val_if_fail (FA_IS_SHAPEFILE (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint f = 0; f < self->n_fields; f++)
    {
      if (g_ascii_strcasecmp (self->field_names[f], name) == 0)
        return (int) f;
    }

  return -1;
}

/**
 * fa_shapefile_get_value:
 * @self: a #FaShapefile
 * @record: a record index, from 0
 * @field: a field index; an unknown one (such as `(guint) -1`) gives ""
 *
 * Values are text as stored in the `.dbf`, decoded to UTF-8 and without the
 * padding spaces.
 *
 * Returns: (transfer none): the value, never %NULL
 */
const char *
fa_shapefile_get_value (FaShapefile *self,
                        guint        record,
                        guint        field)
{
  const char **column;
  const char *value;

  g_return_val_if_fail (FA_IS_SHAPEFILE (self), "");
  g_return_val_if_fail (record < self->n_records, "");

  if (field >= self->n_fields)
    return "";

  column = g_atomic_pointer_get (&self->values[field]);
  if (G_LIKELY (column != NULL))
    {
      value = g_atomic_pointer_get (&column[record]);
      if (G_LIKELY (value != NULL))
        return value;
    }

  g_mutex_lock (&self->lock);
  column = self->values[field];
  if (column == NULL)
    {
      column = g_new0 (const char *, self->n_records);
      g_atomic_pointer_set (&self->values[field], column);
    }
  value = column[record];
  if (value == NULL)
    {
      value = decode_field (self, record, field);
      g_atomic_pointer_set (&column[record], value);
    }
  g_mutex_unlock (&self->lock);

  return value;
}

/**
 * fa_shapefile_get_shape:
 * @self: a #FaShapefile
 * @record: a record index, from 0
 * @lon: (out) (optional) (transfer none): the record's longitudes
 * @lat: (out) (optional) (transfer none): the record's latitudes
 * @part_starts: (out) (optional) (transfer none): n_parts + 1 indexes into
 *   @lon and @lat: part k runs from `part_starts[k]` to `part_starts[k + 1]`,
 *   and `part_starts[n_parts]` is the record's number of points
 *
 * A polygon part is a ring (outer or hole, closed as stored); a line part a
 * polyline.  A point record has one part of one point; a multipoint record
 * one part with all its points; a null shape no parts.
 *
 * Returns: the number of parts
 */
guint
fa_shapefile_get_shape (FaShapefile   *self,
                        guint          record,
                        const double **lon,
                        const double **lat,
                        const guint  **part_starts)
{
  guint first;

  g_return_val_if_fail (FA_IS_SHAPEFILE (self), 0);
  g_return_val_if_fail (record < self->n_records, 0);

  first = self->point_offsets[record];
  if (lon != NULL)
    *lon = self->lon + first;
  if (lat != NULL)
    *lat = self->lat + first;
  if (part_starts != NULL)
    *part_starts = self->parts + self->part_offsets[record];

  return self->part_offsets[record + 1] - self->part_offsets[record] - 1;
}
