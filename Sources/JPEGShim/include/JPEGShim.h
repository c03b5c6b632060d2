#ifndef JPEGSHIM_H
#define JPEGSHIM_H

#include <stddef.h>
#include <stdint.h>

// Every libjpeg call happens inside these functions, behind setjmp: libjpeg reports errors by
// jumping out of the failing call, and a longjmp across Swift frames is undefined behaviour.
// Only plain C types cross this boundary, so Swift never sees a libjpeg structure.

typedef enum __attribute__((enum_extensibility(closed))) JPEGShimStatus {
    JPEGShimStatusSuccess = 0,
    /// The data does not start with a JPEG SOI marker.
    JPEGShimStatusNotJPEG = 1,
    /// Malformed, truncated or unsupported data, or an absurd number of progressive scans.
    JPEGShimStatusCorrupt = 2,
    /// The header declares more pixels than the caller allows (or more than libjpeg can handle).
    JPEGShimStatusTooManyPixels = 3,
    /// libjpeg would need more working memory than its bound, or an allocation failed.
    JPEGShimStatusOutOfMemory = 4,
} JPEGShimStatus;

typedef struct JPEGShimImage {
    /// Packed RGB, 3 bytes a pixel, rows top to bottom; release with jpegshim_free.
    unsigned char *_Nullable pixels;
    /// Of `pixels`, after DCT scaling.
    int width;
    int height;
    /// Of the full image as stored in the file; also set when the status is TooManyPixels.
    int imageWidth;
    int imageHeight;
} JPEGShimImage;

/// Decodes a JPEG to RGB at the smallest DCT scale (1/1, 1/2, 1/4 or 1/8) whose long side is still at
/// least `minLongSide` (or at full size if the image is smaller than that). Images whose header declares
/// more than `maxPixels` pixels are refused before any pixel data is decoded.
JPEGShimStatus jpegshim_decode(const unsigned char *_Nonnull data, size_t length,
                               uint64_t maxPixels, int minLongSide,
                               JPEGShimImage *_Nonnull image);

/// Encodes packed RGB (3 bytes a pixel) as a baseline JPEG; `*output` is released with jpegshim_free.
JPEGShimStatus jpegshim_encode_rgb(const unsigned char *_Nonnull rgb, int width, int height, int quality,
                                   unsigned char *_Nullable *_Nonnull output, size_t *_Nonnull outputLength);

void jpegshim_free(void *_Nullable pointer);

#endif
