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
import { SelectField, TextField } from '../shared/ui/index.ts';
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

const YES_NO = [
  { value: 'true', label: 'yes' },
  { value: 'false', label: 'no' },
];

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
      <SelectField
        label={props.attributeLabel}
        data-testid={`${prefix}-attribute`}
        value={attribute.id}
        onValue={input.setAttribute}
        options={ATTRIBUTES.map((candidate) => ({
          value: candidate.id,
          label: `${candidate.label} (${candidate.type})`,
        }))}
      />
      <SelectField
        label="Condition"
        data-testid={`${prefix}-operator`}
        value={op}
        onValue={input.setOp}
        options={input.operators.map((candidate) => ({ value: candidate, label: OPERATOR_WORDS[candidate] }))}
      />
      {op === 'exists' ? null : attribute.type === 'boolean' && !isSet ? (
        <SelectField
          label={valueLabel}
          data-testid={`${prefix}-value`}
          value={input.value}
          onValue={input.setValue}
          options={YES_NO}
        />
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
