import { css } from 'lit';

/** How a star is drawn, shared by the summary and the input. */
export const starStyles = css`
  .star {
    display: block;
    inline-size: var(--_star-size);
    block-size: var(--_star-size);
    flex: none;
    overflow: visible;
  }

  .empty {
    fill: none;
    stroke: var(--_star-empty-color);
  }

  .full {
    fill: var(--_star-color);
    stroke: var(--_star-color);
  }

  /* The star is symmetric, so mirroring it only moves the fill to the start edge. */
  :host(:dir(rtl)) .star {
    transform: scaleX(-1);
  }

  .star path {
    stroke-width: 1.5;
  }
`;
