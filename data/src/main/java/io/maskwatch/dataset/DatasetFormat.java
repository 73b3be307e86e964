package io.maskwatch.dataset;

/** The annotation layouts {@link DatasetReaders} understands. */
public enum DatasetFormat {
    /** {@code annotations/*.xml} (one PASCAL VOC file per photo) + {@code images/}. */
    VOC,
    /** {@code annotations.csv} (makesense.ai: label,x,y,w,h,image,image_w,image_h) + {@code images/}. */
    MAKESENSE_CSV
}
