import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where the floating element sits relative to its anchor (the @floating-ui placements). */
export type FloatingPlacement =
  | 'top'
  | 'top-start'
  | 'top-end'
  | 'bottom'
  | 'bottom-start'
  | 'bottom-end'
  | 'left'
  | 'left-start'
  | 'left-end'
  | 'right'
  | 'right-start'
  | 'right-end';

export interface FloatingOptions {
  placement?: FloatingPlacement;
  /** Gap between the anchor and the floating element, in CSS pixels. */
  distance?: number;
  /** Space kept between the floating element and the viewport's edges. */
  padding?: number;
  /** How long the pointer may be away from anchor and card before it closes (the hover bridge). */
  hideDelay?: number;
  /** Called whenever the floating element closes (the hover bridge timing out included). */
  onHide?: () => void;
}

const supportsPopover = () =>
  typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;

/**
 * Positions one floating element (a hovercard, a popover) against an anchor with
 * @floating-ui/dom — the project's one wrapper of it (STYLE.md rule 9):
 *
 * - @floating-ui/dom is imported on the first `show()`, so widgets that never open a popover
 *   (and pages with only ratings) never load it;
 * - middleware `offset → flip → shift → size`, with `strategy: 'fixed'`;
 * - in the top layer via `popover="manual"` where the browser supports it, so no ancestor's
 *   `overflow` or `z-index` clips it;
 * - `autoUpdate` while open, cleaned up on `hide()` and when the host disconnects;
 * - a hover bridge: `leave()` closes only after `hideDelay`, and `enter()` (pointer on the
 *   anchor or the card) cancels it, so crossing the gap never flickers.
 */
export class FloatingController implements ReactiveController {
  /** Whether the floating element is shown. */
  open = false;
  /** The placement used last (after `flip`), e.g. `top` near the bottom edge. */
  placement: FloatingPlacement;

  readonly #host: ReactiveControllerHost;
  readonly #options: Required<Omit<FloatingOptions, 'onHide'>>;
  readonly #onHide: (() => void) | undefined;
  #cleanup: (() => void) | undefined;
  #floating: HTMLElement | undefined;
  #hideTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every show and hide, so a slow first import never opens a closed card. */
  #generation = 0;

  constructor(host: ReactiveControllerHost, options: FloatingOptions = {}) {
    this.#host = host;
    this.#options = {
      placement: options.placement ?? 'bottom-start',
      distance: options.distance ?? 6,
      padding: options.padding ?? 8,
      hideDelay: options.hideDelay ?? 200,
    };
    this.#onHide = options.onHide;
    this.placement = this.#options.placement;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.hide();
  }

  /** Shows `floating` next to `anchor` and keeps it there until `hide()`. */
  async show(anchor: Element, floating: HTMLElement): Promise<void> {
    this.enter();
    if (this.open && this.#floating === floating) return;
    const generation = ++this.#generation;
    const { autoUpdate, computePosition, flip, offset, shift, size } =
      await import('@floating-ui/dom');
    if (generation !== this.#generation) return;
    this.#floating = floating;
    this.open = true;
    floating.style.position = 'fixed';
    if (
      supportsPopover() &&
      floating.hasAttribute('popover') &&
      !floating.matches(':popover-open')
    ) {
      floating.showPopover();
    }
    const { placement, distance, padding } = this.#options;
    const update = async () => {
      const position = await computePosition(anchor, floating, {
        strategy: 'fixed',
        placement,
        middleware: [
          offset(distance),
          flip({ padding }),
          shift({ padding }),
          size({
            padding,
            apply({ availableWidth, availableHeight, elements }) {
              elements.floating.style.maxInlineSize = `${Math.max(0, availableWidth)}px`;
              elements.floating.style.maxBlockSize = `${Math.max(0, availableHeight)}px`;
            },
          }),
        ],
      });
      if (generation !== this.#generation) return;
      Object.assign(floating.style, { left: `${position.x}px`, top: `${position.y}px` });
      floating.dataset.placement = position.placement;
      this.placement = position.placement;
    };
    this.#cleanup = autoUpdate(anchor, floating, () => void update());
    await update();
    this.#host.requestUpdate();
  }

  /** Closes at once, stops following the anchor, and leaves the top layer. */
  hide(): void {
    clearTimeout(this.#hideTimer);
    this.#generation++;
    this.#cleanup?.();
    this.#cleanup = undefined;
    const floating = this.#floating;
    this.#floating = undefined;
    if (floating && supportsPopover() && floating.matches(':popover-open')) floating.hidePopover();
    if (this.open) {
      this.open = false;
      this.#onHide?.();
      this.#host.requestUpdate();
    }
  }

  /** The pointer entered the anchor or the floating element: stay open. */
  enter(): void {
    clearTimeout(this.#hideTimer);
  }

  /** The pointer left the anchor or the floating element: close unless it comes back soon. */
  leave(): void {
    clearTimeout(this.#hideTimer);
    this.#hideTimer = setTimeout(() => this.hide(), this.#options.hideDelay);
  }
}
