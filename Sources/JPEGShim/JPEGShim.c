#include "JPEGShim.h"

#include <limits.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

// libjpeg's working memory for one image. A progressive JPEG keeps every DCT coefficient of the full
// image in memory (about 128 bytes per 8x8 block), so this is what stops a small hostile file that
// declares a huge progressive image; without a backing store libjpeg fails instead of exceeding it.
#define JPEGSHIM_MAX_MEMORY (256L * 1024 * 1024)

// Camera encoders write about ten progressive scans; every scan walks the whole coefficient buffer,
// so a file made of thousands of tiny scans costs minutes of CPU. Far above any honest encoder.
#define JPEGSHIM_MAX_SCANS 100

struct shim_error {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    JPEGShimStatus status;
};

static JPEGShimStatus status_for_error(int code) {
    switch (code) {
    case JERR_NO_SOI:
        return JPEGShimStatusNotJPEG;
    case JERR_OUT_OF_MEMORY:
    case JERR_NO_BACKING_STORE:
        return JPEGShimStatusOutOfMemory;
    case JERR_IMAGE_TOO_BIG:
        return JPEGShimStatusTooManyPixels;
    default:
        return JPEGShimStatusCorrupt;
    }
}

static void shim_fail(j_common_ptr cinfo, JPEGShimStatus status) {
    struct shim_error *err = (struct shim_error *)cinfo->err;
    err->status = status;
    longjmp(err->jump, 1);
}

// Replaces the default, which prints the message and calls exit().
static void shim_error_exit(j_common_ptr cinfo) {
    shim_fail(cinfo, status_for_error(cinfo->err->msg_code));
}

static void shim_emit_message(j_common_ptr cinfo, int level) {
    if (level >= 0) return;
    // On a premature end libjpeg pads the rest with grey and carries on: a half-uploaded photo must not
    // pass for a whole one. Other corrupt-data warnings are tolerated, as some cameras write stray bytes.
    if (cinfo->err->msg_code == JWRN_JPEG_EOF) shim_fail(cinfo, JPEGShimStatusCorrupt);
    cinfo->err->num_warnings++;
}

// A server has no terminal for libjpeg to print to.
static void shim_output_message(j_common_ptr cinfo) { (void)cinfo; }

static void shim_progress(j_common_ptr cinfo) {
    j_decompress_ptr dinfo = (j_decompress_ptr)cinfo;
    if (dinfo->input_scan_number > JPEGSHIM_MAX_SCANS) shim_fail(cinfo, JPEGShimStatusCorrupt);
}

static void install_error_handler(struct shim_error *err) {
    jpeg_std_error(&err->pub);
    err->pub.error_exit = shim_error_exit;
    err->pub.emit_message = shim_emit_message;
    err->pub.output_message = shim_output_message;
    err->status = JPEGShimStatusSuccess;
}

// The state lives on the heap: objects changed between setjmp and longjmp must not be automatic
// variables of the function that called setjmp, or their values after the jump are indeterminate.
struct decode_state {
    struct jpeg_decompress_struct cinfo;
    struct shim_error err;
    struct jpeg_progress_mgr progress;
    unsigned char *pixels;
};

static unsigned int scale_denominator(unsigned int width, unsigned int height, int minLongSide) {
    unsigned int longSide = width > height ? width : height;
    unsigned int wanted = minLongSide > 1 ? (unsigned int)minLongSide : 1;
    static const unsigned int denominators[] = {8, 4, 2};
    for (size_t i = 0; i < sizeof denominators / sizeof denominators[0]; i++) {
        unsigned int d = denominators[i];
        // libjpeg rounds a scaled dimension up.
        if ((longSide + d - 1) / d >= wanted) return d;
    }
    return 1;
}

// Adobe's CMYK JPEGs (the only kind in practice) store inverted ink values, so c*k/255 is the red level.
static void cmyk_row_to_rgb(const unsigned char *cmyk, unsigned char *rgb, unsigned int width, boolean inverted) {
    for (unsigned int x = 0; x < width; x++) {
        unsigned int c = cmyk[4 * x], m = cmyk[4 * x + 1], y = cmyk[4 * x + 2], k = cmyk[4 * x + 3];
        if (!inverted) { c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k; }
        rgb[3 * x] = (unsigned char)((c * k + 127) / 255);
        rgb[3 * x + 1] = (unsigned char)((m * k + 127) / 255);
        rgb[3 * x + 2] = (unsigned char)((y * k + 127) / 255);
    }
}

static void decode_body(struct decode_state *s, const unsigned char *data, size_t length,
                        uint64_t maxPixels, int minLongSide, JPEGShimImage *image) {
    struct jpeg_decompress_struct *cinfo = &s->cinfo;
    jpeg_create_decompress(cinfo);
    cinfo->mem->max_memory_to_use = JPEGSHIM_MAX_MEMORY;
    s->progress.progress_monitor = shim_progress;
    cinfo->progress = &s->progress;
    jpeg_mem_src(cinfo, data, (unsigned long)length);
    jpeg_read_header(cinfo, TRUE);

    image->imageWidth = (int)cinfo->image_width;
    image->imageHeight = (int)cinfo->image_height;
    if ((uint64_t)cinfo->image_width * (uint64_t)cinfo->image_height > maxPixels)
        shim_fail((j_common_ptr)cinfo, JPEGShimStatusTooManyPixels);

    cinfo->scale_num = 1;
    cinfo->scale_denom = scale_denominator(cinfo->image_width, cinfo->image_height, minLongSide);
    boolean cmyk = cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK;
    cinfo->out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(cinfo);

    unsigned int width = cinfo->output_width, height = cinfo->output_height;
    size_t rowBytes = (size_t)width * 3;
    s->pixels = malloc(rowBytes * height);
    if (s->pixels == NULL) shim_fail((j_common_ptr)cinfo, JPEGShimStatusOutOfMemory);
    JSAMPARRAY cmykRow = NULL;
    if (cmyk)
        cmykRow = (*cinfo->mem->alloc_sarray)((j_common_ptr)cinfo, JPOOL_IMAGE, width * 4, 1);
    while (cinfo->output_scanline < height) {
        unsigned char *row = s->pixels + rowBytes * cinfo->output_scanline;
        if (cmyk) {
            jpeg_read_scanlines(cinfo, cmykRow, 1);
            cmyk_row_to_rgb(cmykRow[0], row, width, cinfo->saw_Adobe_marker);
        } else {
            JSAMPROW rows[1] = {row};
            jpeg_read_scanlines(cinfo, rows, 1);
        }
    }
    // Not jpeg_finish_decompress: every pixel is already out, and whatever trails the last scan
    // (a second image, padding, a missing EOI) does not change the picture.
    image->width = (int)width;
    image->height = (int)height;
}

JPEGShimStatus jpegshim_decode(const unsigned char *data, size_t length, uint64_t maxPixels, int minLongSide,
                               JPEGShimImage *image) {
    memset(image, 0, sizeof *image);
    if (length < 2 || data[0] != 0xFF || data[1] != 0xD8) return JPEGShimStatusNotJPEG;
    if (length > ULONG_MAX) return JPEGShimStatusOutOfMemory;
    struct decode_state *s = calloc(1, sizeof *s);
    if (s == NULL) return JPEGShimStatusOutOfMemory;
    s->cinfo.err = &s->err.pub;
    install_error_handler(&s->err);

    JPEGShimStatus status;
    if (setjmp(s->err.jump) == 0) {
        decode_body(s, data, length, maxPixels, minLongSide, image);
        image->pixels = s->pixels;
        s->pixels = NULL;
        status = JPEGShimStatusSuccess;
    } else {
        status = s->err.status;
        // libjpeg refuses sides over JPEG_MAX_DIMENSION while still reading the header; the frame
        // header's size is already in cinfo and is what the caller reports.
        if (status == JPEGShimStatusTooManyPixels) {
            image->imageWidth = (int)s->cinfo.image_width;
            image->imageHeight = (int)s->cinfo.image_height;
        }
        free(s->pixels);
        image->pixels = NULL;
        image->width = 0;
        image->height = 0;
    }
    jpeg_destroy_decompress(&s->cinfo);
    free(s);
    return status;
}

struct encode_state {
    struct jpeg_compress_struct cinfo;
    struct shim_error err;
    // Ours, allocated before libjpeg starts and large enough for any JPEG of the image: libjpeg's memory
    // destination frees a buffer it grew but writes the new one back only on success, so a buffer it
    // allocated itself could be freed twice (by it, then by us) when compression fails after growing.
    unsigned char *owned;
    unsigned char *buffer;
    unsigned long size;
};

// The largest JPEG libjpeg can write for the image (TurboJPEG's tjBufSize for 4:4:4, the worst case):
// the padded pixels at six bytes each, and the headers.
static size_t worst_case_size(int width, int height) {
    size_t w = ((size_t)width + 15) & ~(size_t)15, h = ((size_t)height + 15) & ~(size_t)15;
    return w * h * 6 + 2048;
}

static void encode_body(struct encode_state *s, const unsigned char *rgb, int width, int height, int quality) {
    struct jpeg_compress_struct *cinfo = &s->cinfo;
    jpeg_create_compress(cinfo);
    s->buffer = s->owned;
    jpeg_mem_dest(cinfo, &s->buffer, &s->size);
    cinfo->image_width = (JDIMENSION)width;
    cinfo->image_height = (JDIMENSION)height;
    cinfo->input_components = 3;
    cinfo->in_color_space = JCS_RGB;
    jpeg_set_defaults(cinfo);
    jpeg_set_quality(cinfo, quality, TRUE);
    // A second pass over a thumbnail is cheap and saves a few percent of every stored byte.
    cinfo->optimize_coding = TRUE;
    jpeg_start_compress(cinfo, TRUE);
    size_t rowBytes = (size_t)width * 3;
    while (cinfo->next_scanline < cinfo->image_height) {
        // libjpeg's API is not const-correct; it only reads the rows it is given.
        JSAMPROW rows[1] = {(JSAMPROW)(rgb + rowBytes * cinfo->next_scanline)};
        jpeg_write_scanlines(cinfo, rows, 1);
    }
    jpeg_finish_compress(cinfo);
}

JPEGShimStatus jpegshim_encode_rgb(const unsigned char *rgb, int width, int height, int quality,
                                   unsigned char **output, size_t *outputLength) {
    *output = NULL;
    *outputLength = 0;
    if (width <= 0 || height <= 0 || width > JPEG_MAX_DIMENSION || height > JPEG_MAX_DIMENSION)
        return JPEGShimStatusTooManyPixels;
    if (quality < 1) quality = 1;
    if (quality > 100) quality = 100;
    struct encode_state *s = calloc(1, sizeof *s);
    if (s == NULL) return JPEGShimStatusOutOfMemory;
    s->size = (unsigned long)worst_case_size(width, height);
    s->owned = malloc(s->size);
    if (s->owned == NULL) { free(s); return JPEGShimStatusOutOfMemory; }
    s->cinfo.err = &s->err.pub;
    install_error_handler(&s->err);

    JPEGShimStatus status;
    if (setjmp(s->err.jump) == 0) {
        encode_body(s, rgb, width, height, quality);
        *output = s->buffer;
        *outputLength = (size_t)s->size;
        // Had libjpeg needed more (it cannot, by the worst case), the result is its buffer and ours is spare.
        if (s->buffer != s->owned) free(s->owned);
        s->owned = NULL;
        status = JPEGShimStatusSuccess;
    } else {
        status = s->err.status;
    }
    jpeg_destroy_compress(&s->cinfo);
    free(s->owned);
    free(s);
    return status;
}

void jpegshim_free(void *pointer) { free(pointer); }
