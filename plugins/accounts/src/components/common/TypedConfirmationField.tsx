import { TextField } from '@material-ui/core';

/** True once the typed text is exactly the expected word. */
export function isConfirmed(typed: string, expected: string): boolean {
  return typed.trim() === expected;
}

/** "Type bob to confirm": a deliberate step before something irreversible. */
export const TypedConfirmationField = (props: {
  id: string;
  expected: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}) => {
  const { id, expected, value, onChange, disabled } = props;
  return (
    <TextField
      id={id}
      label={`Type ${expected} to confirm`}
      fullWidth
      margin="dense"
      variant="outlined"
      autoComplete="off"
      inputProps={{ spellCheck: false, autoCapitalize: 'none' }}
      value={value}
      onChange={e => onChange(e.target.value)}
      disabled={disabled}
    />
  );
};
