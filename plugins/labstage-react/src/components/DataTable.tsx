import { ReactNode } from 'react';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';

/** @public */
export type DataColumn<T> = {
  /** The header; also the cell's key, so unique in a table. */
  title: string;
  align?: 'left' | 'right';
  cell: (row: T) => ReactNode;
};

/**
 * A small table with a header row and a row per item, the columns given as
 * title and cell.
 *
 * @public
 */
export const DataTable = <T,>(props: {
  /** The table's accessible name. */
  label: string;
  columns: DataColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  /** A `data-testid` on every body row. */
  rowTestId?: string;
  /** A class for rows that stand out, e.g. a problem to act on. */
  rowClassName?: (row: T) => string | undefined;
}) => {
  const { columns } = props;
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          {columns.map(column => (
            <TableCell key={column.title} align={column.align}>
              {column.title}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(row => (
          <TableRow
            key={props.rowKey(row)}
            data-testid={props.rowTestId}
            className={props.rowClassName?.(row)}
          >
            {columns.map(column => (
              <TableCell key={column.title} align={column.align}>
                {column.cell(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
