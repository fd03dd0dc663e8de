// The attribute, condition and value(s) of one predicate, as the merchant types them: the request
// form and the campaign form both ask for one. Changing the attribute starts the value afresh (a
// value typed for another attribute means nothing: "interest is 18").
import {
  ATTRIBUTES,
  type AttributeDefinition,
  type Operator,
  RANGE_OPERATORS,
  SET_OPERATORS,
} from '@decdp/sdk/protocol';
import { useState } from 'react';
import { Field, TextField } from '../shared/ui/index.ts';
import { OPERATOR_WORDS, operatorsFor } from './buildPredicate.ts';

export type PredicateInput = {
  attribute: AttributeDefinition;
  op: Operator;
  value: string;
  valueTo: string;
  operators: Operator[];
  setAttribute: (id: string) => void;
  setOp: (op: Operator) => void;
  setValue: (value: string) => void;
  setValueTo: (value: string) => void;
};

/** The predicate being typed; `allow` keeps only some operators (a campaign pays for one value). */
export function usePredicateInput(initial: {
  attribute: string;
  op: Operator;
  value: string;
  allow?: (op: Operator) => boolean;
}): PredicateInput | null {
  const [attributeId, setAttributeId] = useState(initial.attribute);
  const [op, setOp] = useState<Operator>(initial.op);
  const [value, setValue] = useState(initial.value);
  const [valueTo, setValueTo] = useState('');
  const attribute = ATTRIBUTES.find((candidate) => candidate.id === attributeId) ?? ATTRIBUTES[0];
  if (!attribute) return null;
  const operators = operatorsFor(attribute).filter(initial.allow ?? (() => true));
  return {
    attribute,
    op: operators.includes(op) ? op : (operators[0] ?? 'eq'),
    value,
    valueTo,
    operators,
    setAttribute: (id) => {
      const next = ATTRIBUTES.find((candidate) => candidate.id === id);
      setAttributeId(id);
      setValue(next?.type === 'boolean' ? 'true' : '');
      setValueTo('');
    },
    setOp,
    setValue,
    setValueTo,
  };
}

export function PredicateFields(props: { input: PredicateInput; attributeLabel: string; testIdPrefix: string }) {
  const { input, testIdPrefix: prefix } = props;
  const { attribute, op } = input;
  const isRange = RANGE_OPERATORS.has(op);
  const isSet = SET_OPERATORS.has(op);
  const inputType =
    attribute.type === 'date' && !isSet ? 'date' : attribute.type === 'category' || isSet ? 'text' : 'number';
  const unit = attribute.unit ? ` (${attribute.unit})` : attribute.type === 'date' ? ' (date)' : '';
  const valueLabel = `${isSet ? 'Values (separated by commas)' : isRange ? 'From' : 'Value'}${unit}`;
  return (
    <>
      <Field label={props.attributeLabel}>
        {(control) => (
          <select
            {...control}
            data-testid={`${prefix}-attribute`}
            value={attribute.id}
            onChange={(event) => input.setAttribute(event.target.value)}
          >
            {ATTRIBUTES.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.label} ({candidate.type})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Condition">
        {(control) => (
          <select
            {...control}
            data-testid={`${prefix}-operator`}
            value={op}
            onChange={(event) => input.setOp(event.target.value as Operator)}
          >
            {input.operators.map((candidate) => (
              <option key={candidate} value={candidate}>
                {OPERATOR_WORDS[candidate]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {op === 'exists' ? null : attribute.type === 'boolean' && !isSet ? (
        <Field label={valueLabel}>
          {(control) => (
            <select
              {...control}
              data-testid={`${prefix}-value`}
              value={input.value}
              onChange={(event) => input.setValue(event.target.value)}
            >
              <option value="true">yes</option>
              <option value="false">no</option>
            </select>
          )}
        </Field>
      ) : (
        <TextField
          label={valueLabel}
          data-testid={`${prefix}-value`}
          type={inputType}
          min={inputType === 'number' ? 0 : undefined}
          value={input.value}
          placeholder={attribute.example ?? ''}
          onValue={input.setValue}
          required
        />
      )}
      {isRange ? (
        <TextField
          label={`To${unit}`}
          data-testid={`${prefix}-value-to`}
          type={inputType}
          value={input.valueTo}
          onValue={input.setValueTo}
          required
        />
      ) : null}
    </>
  );
}
