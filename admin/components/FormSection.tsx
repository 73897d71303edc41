import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';

interface FormSectionProps {
  title: string;
  description?: string;
  children: React.ReactNode;
  /** Shown at the right of the title, e.g. an "Add" button. */
  action?: React.ReactNode;
  'data-testid'?: string;
}

/** A white card with a heading: how Strapi's own edit views group their fields. */
export const FormSection = ({ title, description, children, action, ...rest }: FormSectionProps) => {
  const headingId = React.useId();
  return (
    <Box
      tag="section"
      aria-labelledby={headingId}
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      padding={6}
      data-testid={rest['data-testid']}
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" alignItems="flex-start" gap={4}>
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography id={headingId} variant="delta" tag="h2">
              {title}
            </Typography>
            {description ? (
              <Typography variant="pi" textColor="neutral600">
                {description}
              </Typography>
            ) : null}
          </Flex>
          {action}
        </Flex>
        {children}
      </Flex>
    </Box>
  );
};
