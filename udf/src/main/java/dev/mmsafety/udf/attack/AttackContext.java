package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.image.ImageLoader;

/**
 * Per-probe inputs an attack may use besides the case.
 *
 * @param seed the probe's seed (spec seed, else derived from run seed, case id and attack label)
 * @param files reads case images and user files (templates, manifests, precomputed images) by URI
 */
public record AttackContext(long seed, ImageLoader files) {}
