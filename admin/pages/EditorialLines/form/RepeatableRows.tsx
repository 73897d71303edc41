import * as React from 'react';
import { Box, Button, Flex, Grid, IconButton, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';

interface RepeatableRowsProps<Row extends { key: string }> {
  rows: Row[];
  onChange: (rows: Row[]) => void;
  disabled: boolean;
  max: number;
  newRow: () => Row;
  /** above the rows (a heading) */
  header?: React.ReactNode;
  /** said when there is no row yet */
  empty: string;
  addLabel: string;
  /** the remove button's accessible name, for row `number` (from 1) */
  removeLabel: (number: number) => string;
  /** each row's test id, e.g. `pillar-row` → `pillar-row-0` */
  rowTestId: string;
  /** the row's fields as grid items; the remove button follows them on the same line */
  fields: (row: Row, index: number, update: (patch: Partial<Row>) => void) => React.ReactNode;
  /** grid items under the fields and the remove button (a long description) */
  below?: (row: Row, index: number, update: (patch: Partial<Row>) => void) => React.ReactNode;
  /** the remove button's width on the grid */
  removeCol?: { col: number; s: number };
  /** under the rows: a running total, the group's error */
  footer?: React.ReactNode;
  testId?: string;
}

/**
 * The editor's repeatable rows (personas, pillars, campaign targets): each
 * row a bordered box of fields with a remove button, a word when there is
 * none, an "Add" button up to `max`. Rows are keyed (`key`) so React keeps
 * each row's inputs when another row is removed.
 */
export function RepeatableRows<Row extends { key: string }>({
  rows,
  onChange,
  disabled,
  max,
  newRow,
  header,
  empty,
  addLabel,
  removeLabel,
  rowTestId,
  fields,
  below,
  removeCol = { col: 1, s: 12 },
  footer,
  testId,
}: RepeatableRowsProps<Row>) {
  const update = (key: string) => (patch: Partial<Row>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid={testId}>
      {header}
      {rows.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          {empty}
        </Typography>
      ) : null}
      {rows.map((row, index) => (
        <Box key={row.key} padding={4} hasRadius borderColor="neutral200" data-testid={`${rowTestId}-${index}`}>
          <Grid.Root gap={4}>
            {fields(row, index, update(row.key))}
            <Grid.Item col={removeCol.col} s={removeCol.s} justifyContent="flex-end" alignItems="flex-start">
              <IconButton
                label={removeLabel(index + 1)}
                variant="ghost"
                onClick={() => onChange(rows.filter((item) => item.key !== row.key))}
                disabled={disabled}
              >
                <Trash />
              </IconButton>
            </Grid.Item>
            {below?.(row, index, update(row.key))}
          </Grid.Root>
        </Box>
      ))}
      {footer}
      {disabled ? null : (
        <Box>
          <Button variant="secondary" startIcon={<Plus />} onClick={() => onChange([...rows, newRow()])} disabled={rows.length >= max}>
            {addLabel}
          </Button>
        </Box>
      )}
    </Flex>
  );
}
