import type { CSSProperties, MouseEvent, ReactNode } from "react";
import { navigate } from "../../../lib/router";

/** A chart element that is a real link: moves within the app, or a new tab with ctrl/cmd-click. */
export function ChartLink({
  href,
  label,
  className,
  style,
  children,
  ...data
}: {
  href: string;
  label: string;
  className?: string;
  style?: CSSProperties;
  children?: ReactNode;
  [data: `data-${string}`]: string | number | undefined;
}) {
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(href);
  };
  // A link showing its number as text keeps that as its name (the label is its tooltip).
  const textual = typeof children === "string" || typeof children === "number";
  return (
    <a href={href} onClick={onClick} aria-label={textual ? undefined : label} title={label} className={className} style={style} {...data}>
      {children}
    </a>
  );
}
