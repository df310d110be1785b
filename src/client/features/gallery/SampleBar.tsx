import { useState } from "react";
import { MAX_SAMPLE, newSeed, type GalleryParams } from "./galleryParams";

interface SampleBarProps {
  params: GalleryParams;
  onChange: (params: GalleryParams) => void;
}

/** "Sample N": a seeded draw from the current filter; the seed stays in the URL to repeat it. */
export function SampleBar({ params, onChange }: SampleBarProps) {
  const [n, setN] = useState(String(params.sample?.n ?? 50));
  const [seed, setSeed] = useState(params.sample?.seed ?? "");
  const draw = (withSeed: string) => {
    const size = Math.min(MAX_SAMPLE, Math.max(1, Math.floor(Number(n)) || 50));
    const s = withSeed.trim() || newSeed();
    setSeed(s);
    onChange({ ...params, sample: { n: size, seed: s } });
  };
  return (
    <form
      className="gallery-sample"
      aria-label="Sample"
      onSubmit={(e) => {
        e.preventDefault();
        draw(seed);
      }}
    >
      <label className="field--inline">
        <span>Sample</span>
        <input aria-label="Sample size" type="number" min={1} max={MAX_SAMPLE} value={n} onChange={(e) => setN(e.target.value)} />
      </label>
      <label className="field--inline">
        <span>seed</span>
        <input aria-label="Seed" value={seed} placeholder="random" maxLength={80} onChange={(e) => setSeed(e.target.value)} />
      </label>
      <button type="submit">Sample {Number(n) || ""}</button>
      {params.sample && (
        <>
          <button type="button" onClick={() => draw(newSeed())}>
            New seed
          </button>
          <button type="button" onClick={() => onChange({ ...params, sample: null })}>
            All pairs
          </button>
        </>
      )}
    </form>
  );
}
