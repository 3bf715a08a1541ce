// The egui shader with its colour-space work moved from each pixel to each vertex.
//
// bevy_egui's own shader converts every pixel's texture colour from linear to gamma and the product back
// to linear: six `pow` per pixel, which dominates the frame on a software renderer. Under a power law the
// two conversions cancel and the product can be taken in linear space, so this shader converts the vertex
// colour once per vertex and multiplies in the fragment. Results differ from bevy_egui's only in the darkest
// tones (the sRGB curve's linear toe) and in colour gradients across a shape, which egui rarely draws.
// Bindings and entry points are bevy_egui 0.42's (`src/render/egui.wgsl`), so its pipeline uses it as is.

struct Transform {
    scale: vec2<f32>,
    translation: vec2<f32>,
}

struct VertexInput {
    @location(0) position: vec2<f32>,
    @location(1) uv: vec2<f32>,
    @location(2) color: vec4<f32>,
}

struct VertexOutput {
    @builtin(position) position: vec4<f32>,
    @location(0) color: vec4<f32>,
    @location(1) uv: vec2<f32>,
}

@group(0) @binding(0) var<uniform> transform: Transform;

#ifdef BINDLESS
@group(1) @binding(0) var image_texture: binding_array<texture_2d<f32>>;
@group(1) @binding(1) var image_sampler: binding_array<sampler>;

struct BindlessOffset {
    offset: u32,
};
var<immediate> offset: BindlessOffset;

#else
@group(1) @binding(0) var image_texture: texture_2d<f32>;
@group(1) @binding(1) var image_sampler: sampler;
#endif

// Linear from sRGB gamma, both 0 to 1.
fn linear_from_gamma(srgb: vec3<f32>) -> vec3<f32> {
    let cutoff = srgb < vec3<f32>(0.04045);
    let lower = srgb / vec3<f32>(12.92);
    let higher = pow((srgb + vec3<f32>(0.055)) / vec3<f32>(1.055), vec3<f32>(2.4));
    return select(higher, lower, cutoff);
}

@vertex
fn vs_main(in: VertexInput) -> VertexOutput {
    let position = in.position * transform.scale + transform.translation;
    // egui's vertex colours are premultiplied sRGB; alpha stays as it is.
    return VertexOutput(vec4<f32>(position, 0.0, 1.0), vec4<f32>(linear_from_gamma(in.color.rgb), in.color.a), in.uv);
}

@fragment
fn fs_main(in: VertexOutput) -> @location(0) vec4<f32> {
    #ifdef BINDLESS
    let image_texture = image_texture[offset.offset];
    let image_sampler = image_sampler[offset.offset];
    #endif
    return textureSample(image_texture, image_sampler, in.uv) * in.color;
}
