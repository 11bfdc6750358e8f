// Renders a Chart.js chart off-screen to PNG bytes: the same image goes into the printed page,
// the PDF and the DOCX, so all three show the same chart.
import type { ChartConfiguration } from 'chart.js';

export async function renderChartPng(config: ChartConfiguration, width: number, height: number, scale = 2): Promise<Uint8Array> {
  const { default: Chart } = await import('chart.js/auto');
  const canvas = document.createElement('canvas');
  // Not responsive, Chart.js takes the attribute size as CSS pixels and multiplies by the ratio.
  canvas.width = width;
  canvas.height = height;
  const holder = document.createElement('div');
  holder.style.cssText = `position:fixed;left:-10000px;top:0;width:${width}px;height:${height}px`;
  holder.appendChild(canvas);
  document.body.appendChild(holder);
  try {
    const chart = new Chart(canvas, {
      ...config,
      options: { ...config.options, animation: false, responsive: false, devicePixelRatio: scale },
      plugins: [
        ...(config.plugins ?? []),
        // A white background, or the PNG is transparent and prints grey in some viewers.
        {
          id: 'white-background',
          beforeDraw: (c: { ctx: CanvasRenderingContext2D; width: number; height: number }) => {
            c.ctx.save();
            c.ctx.fillStyle = '#ffffff';
            c.ctx.fillRect(0, 0, c.width, c.height);
            c.ctx.restore();
          },
        },
      ],
    });
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    chart.destroy();
    if (!blob) throw new Error('chart image could not be rendered');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    holder.remove();
  }
}
