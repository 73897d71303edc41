import { Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { getTrad } from '../../utils/getTrad';

export interface ScheduleProblem {
  code: string;
  nextValid?: string;
  choices?: Array<{ fold: 'earlier' | 'later'; utc: string; offsetMinutes: number }>;
}

interface ScheduleFieldProps {
  local: string;
  timezone: string;
  error?: string;
  problem: ScheduleProblem | null;
  disabled?: boolean;
  onChange: (local: string, fold?: 'earlier' | 'later' | null) => void;
}

const offset = (minutes: number) => {
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};

/**
 * Date and time in the editor's zone. The server resolves it: a time the clocks
 * skip comes back with the next valid one (one click to take it), a time they pass
 * twice with its two instants to choose from.
 */
export const ScheduleField = ({ local, timezone, error, problem, disabled, onChange }: ScheduleFieldProps) => {
  const { formatMessage } = useIntl();
  return (
    <Field.Root
      name="schedule.local"
      error={error}
      hint={formatMessage({ id: getTrad('composer.schedule.zone'), defaultMessage: 'Time in {zone}' }, { zone: timezone })}
    >
      <Field.Label>{formatMessage({ id: getTrad('composer.schedule'), defaultMessage: 'Date and time' })}</Field.Label>
      <TextInput
        type="datetime-local"
        value={local}
        disabled={disabled}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value, null)}
      />
      <Field.Hint />
      <Field.Error />
      {problem?.code === 'nonexistent_local_time' && problem.nextValid ? (
        <Flex gap={2} paddingTop={2}>
          <Button variant="secondary" size="S" onClick={() => onChange(problem.nextValid!, null)}>
            {formatMessage(
              { id: getTrad('composer.schedule.useNext'), defaultMessage: 'Use {time}' },
              { time: problem.nextValid.slice(11) }
            )}
          </Button>
        </Flex>
      ) : null}
      {problem?.code === 'ambiguous_local_time' && problem.choices?.length ? (
        <Flex direction="column" alignItems="flex-start" gap={2} paddingTop={2}>
          <Typography variant="pi">
            {formatMessage({
              id: getTrad('composer.schedule.which'),
              defaultMessage: 'The clocks show this time twice: which one do you mean?',
            })}
          </Typography>
          <Flex gap={2}>
            {problem.choices.map((choice) => (
              <Button key={choice.fold} variant="secondary" size="S" onClick={() => onChange(local, choice.fold)}>
                {choice.fold === 'earlier'
                  ? formatMessage(
                      { id: getTrad('composer.schedule.earlier'), defaultMessage: 'The first one ({offset})' },
                      { offset: offset(choice.offsetMinutes) }
                    )
                  : formatMessage(
                      { id: getTrad('composer.schedule.later'), defaultMessage: 'The second one ({offset})' },
                      { offset: offset(choice.offsetMinutes) }
                    )}
              </Button>
            ))}
          </Flex>
        </Flex>
      ) : null}
    </Field.Root>
  );
};
