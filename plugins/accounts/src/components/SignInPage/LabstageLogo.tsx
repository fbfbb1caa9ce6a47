/** The Labstage mark: a screen with a prompt. */
export const LabstageLogo = ({ size = 56 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 40 40" aria-hidden="true">
    <rect x="0" y="4" width="40" height="28" rx="4" fill="#4fc3f7" />
    <rect x="4" y="8" width="32" height="18" rx="2" fill="#0b3954" />
    <path d="M9 13 l5 4 -5 4" stroke="#4fc3f7" strokeWidth="2.5" fill="none" />
    <rect x="17" y="20" width="9" height="2.5" fill="#4fc3f7" />
    <rect x="16" y="34" width="8" height="4" fill="#4fc3f7" />
  </svg>
);
