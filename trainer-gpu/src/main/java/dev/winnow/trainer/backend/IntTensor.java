package dev.winnow.trainer.backend;

/** A buffer of 32-bit token ids owned by one {@link Backend}. */
public interface IntTensor {
  String name();

  int size();
}
