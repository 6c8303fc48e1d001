package dev.mmsafety.udf.defense;

import dev.mmsafety.udf.image.ImageLoader;
import dev.mmsafety.udf.model.ModelCaller;
import java.util.function.Function;

/**
 * What a defense may use: the model under test, helper models by name ({@code helpers:}: guards, captioners,
 * rewriters), and an image loader (for purification).
 */
public record DefenseTools(ModelCaller target, Function<String, ModelCaller> helperByName, ImageLoader images) {}
